package dev.overcast.store;

import dev.overcast.store.internal.IdempotencyItem;
import dev.overcast.store.internal.ItemLimits;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Answers remembered per tenant and {@code Idempotency-Key}, so a retried POST gets the first answer
 * instead of doing the work twice. The first answer stored wins (conditional put); entries expire
 * {@code retention} after they were written, and reads check the expiry themselves because DynamoDB's
 * TTL sweeper may be days late.
 */
public final class IdempotencyKeys {
    private final DynamoDbTable<IdempotencyItem> table;
    private final Duration retention;
    private final InstantSource clock;

    IdempotencyKeys(DynamoDbTable<IdempotencyItem> table, Duration retention, InstantSource clock) {
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    public Optional<RememberedResponse> find(String tenant, String key) {
        String id = id(tenant, key);
        IdempotencyItem item = table.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true));
        if (item == null || item.getExpiresAt() <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new RememberedResponse(item.getRequest(), item.getStatus(), item.getLocation(), item.getBody()));
    }

    /** Remembers {@code response} unless an answer for the key is remembered already; returns the one that stays. */
    public RememberedResponse remember(String tenant, String key, RememberedResponse response) {
        IdempotencyItem item = new IdempotencyItem();
        item.setIdempotencyKey(id(tenant, key));
        item.setRequest(response.request());
        item.setStatus(response.status());
        item.setLocation(response.location());
        item.setBody(response.body());
        item.setExpiresAt(clock.instant().plus(retention).getEpochSecond());
        ItemLimits.check(table.tableName(), table.tableSchema(), item);
        try {
            table.putItem(r -> r.item(item).conditionExpression(Expression.builder()
                    .expression("attribute_not_exists(idempotencyKey) OR expiresAt <= :now")
                    .putExpressionValue(":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())))
                    .build()));
            return response;
        } catch (ConditionalCheckFailedException e) {
            return find(tenant, key).orElse(response);
        }
    }

    private String id(String tenant, String key) {
        String id = tenant + "/" + key;
        ItemLimits.checkPartitionKey(table.tableName(), "idempotencyKey", id);
        return id;
    }
}
