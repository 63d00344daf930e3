package dev.overcast.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml grants least privilege: no statement allows every action or every resource, every state
 * machine may invoke exactly the functions and start exactly the machines its definition names, and
 * each function gets the tables its step touches, progress write-only.
 */
class TemplatePoliciesTest {
    private static final Path REPOSITORY = Path.of("../..");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{(\\w+)}");
    /**
     * The step's store use, read from functions/common and functions/api: table → policy. Progress is
     * append-only for the steps; the API also reads it (the events route), and releases the lease of a
     * flow it stops.
     */
    private static final Map<String, Map<String, String>> TABLES = Map.ofEntries(
            Map.entry("AcquireLockFunction", Map.of("LocksTable", "DynamoDBCrudPolicy")),
            Map.entry("ReleaseLockFunction", Map.of("LocksTable", "DynamoDBCrudPolicy", "ChangesTable", "DynamoDBReadPolicy")),
            Map.entry("RecordClusterFunction", Map.of("ClustersTable", "DynamoDBCrudPolicy", "ProgressTable", "DynamoDBWritePolicy")),
            Map.entry("MarkStatusFunction", Map.of("ClustersTable", "DynamoDBCrudPolicy", "LocksTable", "DynamoDBReadPolicy",
                    "ProgressTable", "DynamoDBWritePolicy")),
            Map.entry("ListAccountsFunction", Map.of("ClustersTable", "DynamoDBReadPolicy")),
            Map.entry("ListAccountClustersFunction", Map.of("ClustersTable", "DynamoDBReadPolicy")),
            Map.entry("RequestScaleFunction", Map.of("ClustersTable", "DynamoDBReadPolicy", "ChangesTable", "DynamoDBCrudPolicy")),
            Map.entry("DrainChangesFunction", Map.of("ClustersTable", "DynamoDBCrudPolicy", "ChangesTable", "DynamoDBCrudPolicy",
                    "LocksTable", "DynamoDBReadPolicy", "ProgressTable", "DynamoDBWritePolicy")),
            Map.entry("CheckNodesFunction", Map.of("ClustersTable", "DynamoDBReadPolicy", "InventoryTable", "DynamoDBReadPolicy")),
            Map.entry("VerifyLatencyFunction", Map.of("ClustersTable", "DynamoDBReadPolicy")),
            Map.entry("ConsoleApiFunction", Map.of("ClustersTable", "DynamoDBReadPolicy", "InventoryTable", "DynamoDBReadPolicy",
                    "LocksTable", "DynamoDBCrudPolicy", "ChangesTable", "DynamoDBCrudPolicy", "ProgressTable", "DynamoDBCrudPolicy",
                    "IdempotencyTable", "DynamoDBCrudPolicy")));
    private static final Map<String, String> CONVERGE_TABLES = Map.of("ClustersTable", "DynamoDBReadPolicy",
            "LocksTable", "DynamoDBCrudPolicy", "InventoryTable", "DynamoDBCrudPolicy", "ProgressTable", "DynamoDBWritePolicy");

    private final JsonNode resources = template().path("Resources");

    @Test
    void noStatement_shouldAllowEveryActionOrEveryResource() {
        List<String> wide = new ArrayList<>();
        resources.fields().forEachRemaining(resource -> resource.getValue().at("/Properties/Policies").forEach(policy ->
                policy.path("Statement").forEach(statement -> {
                    List<String> actions = texts(statement.path("Action"));
                    List<String> targets = texts(statement.path("Resource"));
                    if (actions.stream().anyMatch(a -> a.equals("*") || a.endsWith(":*")) || targets.contains("*")) {
                        wide.add(resource.getKey() + ": " + actions + " on " + targets);
                    }
                })));
        assertThat(wide).isEmpty();
    }

    @Test
    void everyStateMachine_shouldInvokeExactlyTheFunctionsAndMachinesItsDefinitionNames() throws IOException {
        int machines = 0;
        for (var it = resources.fields(); it.hasNext(); ) {
            var resource = it.next();
            if (!resource.getValue().path("Type").asText().equals("AWS::Serverless::StateMachine")) {
                continue;
            }
            machines++;
            JsonNode properties = resource.getValue().path("Properties");
            String definition = Files.readString(REPOSITORY.resolve(properties.path("DefinitionUri").asText()));
            Set<String> functions = new TreeSet<>();
            Set<String> children = new TreeSet<>();
            Matcher used = SUBSTITUTION.matcher(definition);
            while (used.find()) {
                String target = properties.path("DefinitionSubstitutions").path(used.group(1)).asText().replaceAll("\\.(Alias|Arn)$", "");
                String type = resources.path(target).path("Type").asText();
                (type.equals("AWS::Serverless::Function") ? functions : children).add(target);
            }
            assertThat(granted(properties, "LambdaInvokePolicy", "FunctionName")).as(resource.getKey()).isEqualTo(functions);
            assertThat(granted(properties, "StepFunctionsExecutionPolicy", "StateMachineName")).as(resource.getKey()).isEqualTo(children);
        }
        assertThat(machines).isEqualTo(6);
    }

    @Test
    void everyFunction_shouldGetOnlyTheTablesItsStepTouches() {
        int functions = 0;
        for (var it = resources.fields(); it.hasNext(); ) {
            var resource = it.next();
            if (!resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                continue;
            }
            functions++;
            Map<String, String> tables = new java.util.TreeMap<>();
            resource.getValue().at("/Properties/Policies").forEach(policy -> policy.fields().forEachRemaining(grant -> {
                if (grant.getKey().startsWith("DynamoDB")) {
                    assertThat(tables.put(grant.getValue().path("TableName").asText(), grant.getKey())).as(resource.getKey()).isNull();
                }
            }));
            Map<String, String> expected = resource.getKey().startsWith("Converge") ? CONVERGE_TABLES : TABLES.get(resource.getKey());
            assertThat(tables).as(resource.getKey()).isEqualTo(expected);
        }
        assertThat(functions).isEqualTo(TABLES.size() + 3);
    }

    /** The resources named by one SAM policy template, e.g. every LambdaInvokePolicy's FunctionName. */
    private static Set<String> granted(JsonNode properties, String template, String field) {
        Set<String> names = new TreeSet<>();
        properties.path("Policies").forEach(policy -> {
            if (policy.has(template)) {
                names.add(policy.path(template).path(field).asText().replaceAll("\\.Name$", ""));
            }
        });
        return names;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (!node.isMissingNode()) {
            texts.add(node.asText());
        }
        return texts;
    }

    private static JsonNode template() {
        try {
            return new YAMLMapper().readTree(Files.readString(REPOSITORY.resolve("template.yaml")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
