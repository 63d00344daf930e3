package dev.overcast.store;

import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * Where the tables of one deployment live: every table is named {@code prefix + suffix}. Deployed,
 * the prefix is the stack name and a dash (as in {@code template.yaml}); tests use a fresh prefix per
 * test so that one DynamoDB Local serves them all.
 *
 * @param prefix the table name prefix, e.g. {@code overcast-dev-}
 */
public record Tables(String prefix) {
    private static final Pattern TABLE_NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9_.-]*");
    private static final int MAX_PREFIX_LENGTH = 200;

    public Tables {
        if (prefix == null || !TABLE_NAME_CHARACTERS.matcher(prefix).matches() || prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("table prefix '" + prefix
                    + "' must be at most " + MAX_PREFIX_LENGTH + " characters of A-Z a-z 0-9 _ . -");
        }
    }

    public String name(TableDefinition<?> table) {
        return prefix + table.suffix();
    }

    public <T> DynamoDbTable<T> table(DynamoDbEnhancedClient client, TableDefinition<T> table) {
        return client.table(name(table), table.schema());
    }

    /**
     * Creates every table of {@link TableSchemas#ALL} from its definition, waits until it is active and
     * turns on its TTL. For tests and local runs; deployed tables come from {@code template.yaml}.
     */
    public void createAll(DynamoDbClient client) {
        for (TableDefinition<?> table : TableSchemas.ALL) {
            String name = name(table);
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(table.keySchema())
                    .attributeDefinitions(table.attributeDefinitions());
            if (!table.globalSecondaryIndexes().isEmpty()) {
                request.globalSecondaryIndexes(table.globalSecondaryIndexes());
            }
            client.createTable(request.build());
            client.waiter().waitUntilTableExists(r -> r.tableName(name));
            table.ttlAttribute().ifPresent(attribute -> client.updateTimeToLive(r -> r
                    .tableName(name)
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(attribute).enabled(true).build())));
        }
    }
}
