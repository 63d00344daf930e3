package dev.overcast.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.MappedTableResource;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One DynamoDB transaction whose every action says how its failed condition reads as a domain
 * exception. A cancelled transaction wrote nothing; the first failed condition, in the order the
 * actions were added, is reported, so a fence added first wins over the writes it guards.
 */
public final class Transaction {
    /** DynamoDB's limit on actions per transaction. */
    public static final int MAX_ACTIONS = 100;

    private final DynamoDbEnhancedClient client;
    private final String what;
    private final TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder();
    private final List<Function<Map<String, AttributeValue>, RuntimeException>> refusals = new ArrayList<>();

    /** @param what names the write in errors, e.g. {@code "update of cluster c-1"} */
    public Transaction(DynamoDbEnhancedClient client, String what) {
        this.client = client;
        this.what = what;
    }

    /** @param refusal turns the item as it stood (null if absent) into the exception for a failed condition */
    public <T> Transaction check(MappedTableResource<T> table, Key key, Expression condition,
            Function<Map<String, AttributeValue>, RuntimeException> refusal) {
        request.addConditionCheck(table, ConditionCheck.builder()
                .key(key)
                .conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
        return add(refusal);
    }

    /** Puts {@code item} whole; {@code condition} may be null (the versioned-record extension adds its own). */
    public <T> Transaction put(MappedTableResource<T> table, T item, Expression condition,
            Function<Map<String, AttributeValue>, RuntimeException> refusal) {
        ItemLimits.check(table.tableName(), table.tableSchema(), item);
        request.addPutItem(table, TransactPutItemEnhancedRequest.builder(table.tableSchema().itemType().rawClass())
                .item(item)
                .conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
        return add(refusal);
    }

    /** Puts {@code item} whole, unconditionally (for tables without a versioned-record attribute). */
    public <T> Transaction put(MappedTableResource<T> table, T item) {
        return put(table, item, null, null);
    }

    /** Sets the non-null attributes of {@code item}, leaving the others as they are. */
    public <T> Transaction update(MappedTableResource<T> table, T item, Expression condition,
            Function<Map<String, AttributeValue>, RuntimeException> refusal) {
        ItemLimits.check(table.tableName(), table.tableSchema(), item);
        request.addUpdateItem(table, TransactUpdateItemEnhancedRequest.builder(table.tableSchema().itemType().rawClass())
                .item(item)
                .ignoreNulls(true)
                .conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
        return add(refusal);
    }

    /** Deletes the item at {@code key}, unconditionally; deleting an absent item is no error. */
    public <T> Transaction delete(MappedTableResource<T> table, Key key) {
        return delete(table, key, null, null);
    }

    /** Deletes the item at {@code key} if {@code condition} (may be null) holds. */
    public <T> Transaction delete(MappedTableResource<T> table, Key key, Expression condition,
            Function<Map<String, AttributeValue>, RuntimeException> refusal) {
        request.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                .key(key)
                .conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
        return add(refusal);
    }

    public void commit() {
        TransactWriteItemsEnhancedRequest built = request.build();
        try {
            Conflicts.retrying(what, () -> {
                client.transactWriteItems(built);
                return null;
            });
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            for (int i = 0; i < reasons.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code()) && refusals.get(i) != null) {
                    Map<String, AttributeValue> old = reasons.get(i).hasItem() ? reasons.get(i).item() : null;
                    throw refusals.get(i).apply(old);
                }
            }
            throw e;
        }
    }

    private Transaction add(Function<Map<String, AttributeValue>, RuntimeException> refusal) {
        refusals.add(refusal);
        return this;
    }
}
