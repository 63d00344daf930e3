package dev.overcast.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.KeyAttributeMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One table, defined once: its name suffix, the Enhanced Client schema (which carries the key schema,
 * key attribute types and global secondary indexes) and its TTL attribute. Everything DynamoDB needs
 * to create the table is derived from here, both for tests and local runs and for the comparison
 * with {@code template.yaml}.
 *
 * @param suffix       the table name after the stage prefix, e.g. {@code clusters}
 * @param schema       the Enhanced Client mapping of the table's rows
 * @param ttlAttribute the attribute holding the expiry in epoch seconds, if the table has one
 */
public record TableDefinition<T>(String suffix, TableSchema<T> schema, Optional<String> ttlAttribute) {

    public List<KeySchemaElement> keySchema() {
        TableMetadata metadata = schema.tableMetadata();
        return keys(metadata.primaryPartitionKey(), metadata.primarySortKey());
    }

    /** Every key attribute of the table and its indexes with its scalar type, sorted by name. */
    public List<AttributeDefinition> attributeDefinitions() {
        TableMetadata metadata = schema.tableMetadata();
        TreeMap<String, ScalarAttributeType> types = new TreeMap<>();
        // Index metadata rather than keyAttributes(): extensions register non-key attributes there (version).
        for (IndexMetadata index : metadata.indices()) {
            index.partitionKeys().forEach(key -> types.put(key.name(), scalarType(metadata, key)));
            index.sortKeys().forEach(key -> types.put(key.name(), scalarType(metadata, key)));
        }
        return types.entrySet().stream()
                .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                .toList();
    }

    /** Global secondary indexes (every index but the primary one), all projecting every attribute, sorted by name. */
    public List<GlobalSecondaryIndex> globalSecondaryIndexes() {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (IndexMetadata index : schema.tableMetadata().indices()) {
            if (index.name().equals(TableMetadata.primaryIndexName())) {
                continue;
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keys(
                            index.partitionKey().map(KeyAttributeMetadata::name).orElseThrow(),
                            index.sortKey().map(KeyAttributeMetadata::name)))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        indexes.sort(Comparator.comparing(GlobalSecondaryIndex::indexName));
        return indexes;
    }

    private static List<KeySchemaElement> keys(String partitionKey, Optional<String> sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        sortKey.ifPresent(name -> keys.add(KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build()));
        return keys;
    }

    private static ScalarAttributeType scalarType(TableMetadata metadata, KeyAttributeMetadata key) {
        return metadata.scalarAttributeType(key.name())
                .orElseThrow(() -> new IllegalStateException("key attribute " + key.name() + " has no scalar type"));
    }
}
