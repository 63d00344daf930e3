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
 * instead of doing the work twice. As Powertools' idempotency utility does, a request first
 * {@linkplain #claim claims} its key with an in-progress record (conditional put), so a concurrent
 * duplicate finds the claim instead of doing the work too; the claimer then {@linkplain #complete
 * completes} the record with its answer, or {@linkplain #release releases} it when it has none worth
 * keeping. Claims expire after the time they were given (a claimer that died does not block the key
 * for a day), answers {@code retention} after they were written; reads check the expiry themselves
 * because DynamoDB's TTL sweeper may be days late.
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

    /**
     * Marks the key as being answered for {@code request}, unless it holds a live record already.
     *
     * @param claimFor how long the claim holds if it is never completed
     * @return empty when this caller holds the claim; else the record found (an answer, or another claim)
     */
    public Optional<RememberedResponse> claim(String tenant, String key, String request, Duration claimFor) {
        IdempotencyItem item = item(tenant, key, RememberedResponse.inProgress(request), claimFor);
        try {
            table.putItem(r -> r.item(item).conditionExpression(Expression.builder()
                    .expression("attribute_not_exists(idempotencyKey) OR expiresAt <= :now")
                    .putExpressionValue(":now", now())
                    .build()));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            // Gone between the put and this read (expired, released): the caller may retry its claim.
            return Optional.of(find(tenant, key).orElse(RememberedResponse.inProgress(request)));
        }
    }

    /**
     * Replaces this caller's claim with its answer, kept for the retention period.
     *
     * @return the record that stays: {@code response}, or what another caller put once this claim had expired
     */
    public RememberedResponse complete(String tenant, String key, RememberedResponse response) {
        IdempotencyItem item = item(tenant, key, response, retention);
        try {
            table.putItem(r -> r.item(item).conditionExpression(claimedBy(response.request())));
            return response;
        } catch (ConditionalCheckFailedException e) {
            return find(tenant, key).orElse(response);
        }
    }

    /** Drops this caller's claim without an answer (it failed), so a retry does the work again. */
    public void release(String tenant, String key, String request) {
        try {
            table.deleteItem(r -> r.key(Key.builder().partitionValue(id(tenant, key)).build())
                    .conditionExpression(claimedBy(request)));
        } catch (ConditionalCheckFailedException e) {
            // The claim expired and the key moved on: nothing of this caller's is left to drop.
        }
    }

    private IdempotencyItem item(String tenant, String key, RememberedResponse response, Duration keptFor) {
        IdempotencyItem item = new IdempotencyItem();
        item.setIdempotencyKey(id(tenant, key));
        item.setRequest(response.request());
        item.setStatus(response.status());
        item.setLocation(response.location());
        item.setBody(response.body());
        item.setExpiresAt(clock.instant().plus(keptFor).getEpochSecond());
        ItemLimits.check(table.tableName(), table.tableSchema(), item);
        return item;
    }

    private static Expression claimedBy(String request) {
        return Expression.builder()
                .expression("#status = :inProgress AND #request = :request")
                .putExpressionName("#status", "status")
                .putExpressionName("#request", "request")
                .putExpressionValue(":inProgress", AttributeValue.fromN(Integer.toString(RememberedResponse.IN_PROGRESS)))
                .putExpressionValue(":request", AttributeValue.fromS(request))
                .build();
    }

    private AttributeValue now() {
        return AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond()));
    }

    private String id(String tenant, String key) {
        String id = tenant + "/" + key;
        ItemLimits.checkPartitionKey(table.tableName(), "idempotencyKey", id);
        return id;
    }
}
