package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml mirrors {@link TableSchemas}: keys, attribute types, indexes and TTL must agree. */
class TemplateTablesTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static Map<String, JsonNode> tablesBySuffix;

    @BeforeAll
    static void readTemplate() throws IOException {
        // Jackson reads SAM's short-form intrinsics (!Sub, !Ref) as their plain scalar; the names are all we need.
        JsonNode template = new YAMLMapper().readTree(Files.readString(TEMPLATE));
        assertThat(template.path("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
        tablesBySuffix = new TreeMap<>();
        template.path("Resources").fields().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if ("AWS::DynamoDB::Table".equals(resource.getValue().path("Type").asText())) {
                String name = properties.path("TableName").asText();
                tablesBySuffix.put(name.substring(name.lastIndexOf('-') + 1), properties);
            }
        });
    }

    @Test
    void template_shouldDeclareExactlyTheTablesOfTheSchemas() {
        assertThat(tablesBySuffix.keySet())
                .containsExactlyInAnyOrderElementsOf(TableSchemas.ALL.stream().map(TableDefinition::suffix).toList());
    }

    @Test
    void template_shouldMatchEverySchema() {
        for (TableDefinition<?> table : TableSchemas.ALL) {
            JsonNode declared = tablesBySuffix.get(table.suffix());
            assertThat(keys(declared.path("KeySchema"))).as("%s key schema", table.suffix())
                    .isEqualTo(expectedKeys(table.keySchema()));
            assertThat(attributeTypes(declared.path("AttributeDefinitions"))).as("%s attribute definitions", table.suffix())
                    .isEqualTo(expectedTypes(table));
            assertThat(indexes(declared.path("GlobalSecondaryIndexes"))).as("%s global secondary indexes", table.suffix())
                    .isEqualTo(expectedIndexes(table));
            Optional<String> ttl = declared.has("TimeToLiveSpecification")
                    && declared.path("TimeToLiveSpecification").path("Enabled").asBoolean()
                    ? Optional.of(declared.path("TimeToLiveSpecification").path("AttributeName").asText())
                    : Optional.empty();
            assertThat(ttl).as("%s TTL attribute", table.suffix()).isEqualTo(table.ttlAttribute());
            assertThat(declared.path("BillingMode").asText()).as("%s billing", table.suffix()).isEqualTo("PAY_PER_REQUEST");
            assertThat(declared.path("SSESpecification").path("SSEEnabled").asBoolean()).as("%s SSE", table.suffix()).isTrue();
        }
    }

    private static List<String> keys(JsonNode keySchema) {
        List<String> keys = new ArrayList<>();
        keySchema.forEach(key -> keys.add(key.path("AttributeName").asText() + ":" + key.path("KeyType").asText()));
        return keys;
    }

    private static List<String> expectedKeys(List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> keySchema) {
        return keySchema.stream().map(key -> key.attributeName() + ":" + key.keyTypeAsString()).toList();
    }

    private static Map<String, String> attributeTypes(JsonNode definitions) {
        Map<String, String> types = new TreeMap<>();
        definitions.forEach(d -> types.put(d.path("AttributeName").asText(), d.path("AttributeType").asText()));
        return types;
    }

    private static Map<String, String> expectedTypes(TableDefinition<?> table) {
        Map<String, String> types = new TreeMap<>();
        table.attributeDefinitions().forEach(d -> types.put(d.attributeName(), d.attributeTypeAsString()));
        return types;
    }

    private static Map<String, String> indexes(JsonNode indexes) {
        Map<String, String> byName = new LinkedHashMap<>();
        indexes.forEach(index -> byName.put(index.path("IndexName").asText(),
                keys(index.path("KeySchema")) + " " + index.path("Projection").path("ProjectionType").asText()));
        return new TreeMap<>(byName);
    }

    private static Map<String, String> expectedIndexes(TableDefinition<?> table) {
        Map<String, String> byName = new TreeMap<>();
        table.globalSecondaryIndexes().forEach(index -> byName.put(index.indexName(),
                expectedKeys(index.keySchema()) + " " + index.projection().projectionTypeAsString()));
        return byName;
    }
}
