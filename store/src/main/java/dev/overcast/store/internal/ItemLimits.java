package dev.overcast.store.internal;

import dev.overcast.store.exceptions.InvalidKeyException;
import dev.overcast.store.exceptions.ItemTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.KeyAttributeMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's item rules, checked before a write so that a bad item is refused with a clear message
 * and a batch containing one is refused whole, before any of it is written.
 *
 * <p>Hand-written because neither SDK nor Enhanced Client exposes DynamoDB's size arithmetic. The
 * estimate errs high (numbers count their full text), so nothing DynamoDB would refuse slips through.
 */
public final class ItemLimits {
    /** DynamoDB's maximum item size, attribute names included. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    static final int MAX_PARTITION_KEY_BYTES = 2048;
    static final int MAX_SORT_KEY_BYTES = 1024;

    private ItemLimits() {
    }

    /** Maps the item and checks its keys and size; returns the attribute map. */
    public static <T> Map<String, AttributeValue> check(String table, TableSchema<T> schema, T item) {
        Map<String, AttributeValue> attributes = schema.itemToMap(item, true);
        TableMetadata metadata = schema.tableMetadata();
        checkKey(table, attributes, metadata.primaryPartitionKey(), MAX_PARTITION_KEY_BYTES, true);
        metadata.primarySortKey().ifPresent(key -> checkKey(table, attributes, key, MAX_SORT_KEY_BYTES, true));
        // Index keys may be absent (the item is then simply not indexed) but never empty.
        for (String key : indexKeys(metadata)) {
            if (!metadata.primaryKeys().contains(key) && attributes.containsKey(key)) {
                checkKey(table, attributes, key, MAX_PARTITION_KEY_BYTES, false);
            }
        }
        long size = size(attributes);
        if (size > MAX_ITEM_BYTES) {
            throw new ItemTooLargeException("item " + describeKey(metadata, attributes) + " of table " + table + " is about "
                    + size + " bytes; DynamoDB's limit is " + MAX_ITEM_BYTES + " bytes (400 KB)");
        }
        return attributes;
    }

    /** Checks a partition key given on its own (a key to read or to update by). */
    public static void checkPartitionKey(String table, String attribute, String value) {
        checkKey(table, value == null ? Map.of() : Map.of(attribute, AttributeValue.fromS(value)), attribute,
                MAX_PARTITION_KEY_BYTES, true);
    }

    private static Set<String> indexKeys(TableMetadata metadata) {
        Set<String> keys = new HashSet<>();
        for (IndexMetadata index : metadata.indices()) {
            index.partitionKeys().stream().map(KeyAttributeMetadata::name).forEach(keys::add);
            index.sortKeys().stream().map(KeyAttributeMetadata::name).forEach(keys::add);
        }
        return keys;
    }

    private static void checkKey(String table, Map<String, AttributeValue> attributes, String key, int maxBytes, boolean required) {
        AttributeValue value = attributes.get(key);
        if (value == null || value.nul() != null) {
            if (required) {
                throw new InvalidKeyException("key attribute '" + key + "' of table " + table + " is missing");
            }
            return;
        }
        if (value.s() != null) {
            int bytes = utf8(value.s());
            if (bytes == 0) {
                throw new InvalidKeyException("key attribute '" + key + "' of table " + table + " must not be empty");
            }
            if (bytes > maxBytes) {
                throw new InvalidKeyException("key attribute '" + key + "' of table " + table + " is " + bytes
                        + " bytes; DynamoDB allows at most " + maxBytes);
            }
        }
    }

    private static String describeKey(TableMetadata metadata, Map<String, AttributeValue> attributes) {
        StringBuilder key = new StringBuilder();
        for (String name : metadata.primaryKeys()) {
            AttributeValue value = attributes.get(name);
            key.append(key.length() == 0 ? "" : ", ").append(name).append('=')
                    .append(value == null ? "?" : value.s() != null ? value.s() : value.n());
        }
        return "{" + key + "}";
    }

    static long size(Map<String, AttributeValue> attributes) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            size += utf8(attribute.getKey()) + size(attribute.getValue());
        }
        return size;
    }

    private static long size(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> value.n().length() + 1L;
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemLimits::utf8).sum();
            case NS -> value.ns().stream().mapToLong(n -> n.length() + 1L).sum();
            case BS -> value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + size(element)).sum();
            case M -> 3 + value.m().entrySet().stream()
                    .mapToLong(entry -> 1 + utf8(entry.getKey()) + size(entry.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("attribute of unknown type " + value);
        };
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
