package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.functions.telemetry.EmbeddedMetrics;
import dev.overcast.functions.telemetry.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One create flow (examples/three-clouds.yaml) in the local world with logging configured as on Lambda
 * (logback.xml's JSON branch, chosen by AWS_LAMBDA_FUNCTION_NAME): its stdout is read back line by
 * line, as CloudWatch Logs would read a function's, for the correlation keys, the cold-start flag and
 * the EMF documents.
 */
class TelemetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAMBDA_MARKER = "AWS_LAMBDA_FUNCTION_NAME";
    /** examples/three-clouds.yaml's name. */
    private static final String CLUSTER = "demo";
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static PrintStream stdout;
    private static LocalWorld world;
    private static ExecutionResult created;
    /** One action per cloud, as its adapter names it and cloudsim's call log counts it. */
    private static final Map<String, String> ACTIONS = Map.of("aws", "RunInstances", "gcp", "instances.insert",
            "azure", "PUT virtualMachines");
    private static final Map<String, Long> SEEN = new TreeMap<>();
    private static final List<JsonNode> LOG_LINES = new ArrayList<>();
    private static final List<JsonNode> METRICS = new ArrayList<>();

    @BeforeAll
    static void createOneClusterAsOnLambda() throws JoranException, IOException {
        stdout = System.out;
        System.setOut(new PrintStream(CAPTURED, true, StandardCharsets.UTF_8));
        System.setProperty(LAMBDA_MARKER, "overcast-telemetry-test");
        configureLogging();
        world = LocalWorld.start(Path.of("../.."));
        ACTIONS.forEach((cloud, action) -> SEEN.put(cloud, -world.cloudSim().world().calls().count(cloud, action)));
        ObjectNode create = JSON.createObjectNode().put("tenant", "t1");
        create.set("spec", new YAMLMapper().readTree(Path.of("../../examples/three-clouds.yaml").toFile()));
        create.put("clusterId", create.at("/spec/name").asText());
        created = world.run("create-cluster", create);
        ACTIONS.forEach((cloud, action) -> SEEN.merge(cloud, world.cloudSim().world().calls().count(cloud, action), Long::sum));
        System.out.flush();
        System.setOut(stdout);
        for (String line : CAPTURED.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                JsonNode parsed = JSON.readTree(line);
                (parsed.has("_aws") ? METRICS : LOG_LINES).add(parsed);
            }
        }
    }

    @AfterAll
    static void stop() throws JoranException {
        System.setOut(stdout);
        if (world != null) {
            world.close();
        }
        System.clearProperty(LAMBDA_MARKER);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void everyLineOfAnInvocation_shouldCarryTheCorrelationKeys() {
        assertThat(created.status()).as(created.error() + ": " + created.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
        List<JsonNode> invocationLines = LOG_LINES.stream().filter(line -> line.path("mdc").has(Invocation.STEP)).toList();
        assertThat(invocationLines).isNotEmpty();
        assertThat(invocationLines).allSatisfy(line -> {
            JsonNode keys = line.path("mdc");
            assertThat(keys.fieldNames()).toIterable().as(line.toString()).containsAll(Invocation.KEYS);
            assertThat(keys.path(Invocation.EXECUTION_ID).asText()).as(line.toString()).isNotEqualTo("-");
            assertThat(keys.path(Invocation.CLUSTER_ID).asText()).as(line.toString()).isEqualTo(CLUSTER);
        });
        List<JsonNode> ends = stepLines();
        assertThat(ends).extracting(line -> line.at("/mdc/step").asText())
                .contains("acquireLock", "recordCluster", "convergeCloud", "markStatus", "releaseLock");
        // recordCluster reads the tenant from its input; the steps after it, from the cluster they name.
        assertThat(ends).filteredOn(line -> Set.of("recordCluster", "convergeCloud", "markStatus", "releaseLock")
                        .contains(line.at("/mdc/step").asText()))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.at("/mdc/tenant").asText()).as(line.toString()).isEqualTo("t1"));
        assertThat(ends).filteredOn(line -> line.at("/mdc/step").asText().equals("convergeCloud"))
                .extracting(line -> line.at("/mdc/cloud").asText()).containsOnly("aws", "gcp", "azure");
        // Every line of the flow's own steps comes from an invocation: none is logged outside one.
        assertThat(LOG_LINES).filteredOn(line -> line.path("loggerName").asText().startsWith("dev.overcast.functions"))
                .allSatisfy(line -> assertThat(line.path("mdc").has(Invocation.STEP)).as(line.toString()).isTrue());
    }

    /** Exactly one invocation of each function is cold (the Map runs three converges at once, so not always the first to end). */
    @Test
    void firstInvocationOfAFunction_shouldBeTheColdStart() {
        Map<String, Long> coldByStep = stepLines().stream().filter(line -> line.at("/mdc/coldStart").asText().equals("true"))
                .collect(Collectors.groupingBy(line -> line.at("/mdc/step").asText(), Collectors.counting()));
        Set<String> steps = stepLines().stream().map(line -> line.at("/mdc/step").asText()).collect(Collectors.toSet());
        assertThat(coldByStep.keySet()).isEqualTo(steps);
        assertThat(coldByStep.values()).containsOnly(1L);
        assertThat(stepLines().get(0).at("/mdc/coldStart").asText()).isEqualTo("true");
    }

    @Test
    void cloudCallMetrics_shouldCountWhatTheCloudSaw() {
        assertThat(METRICS).allSatisfy(document -> {
            JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
            assertThat(directive.path("Namespace").asText()).isEqualTo(EmbeddedMetrics.NAMESPACE);
            assertThat(document.at("/_aws/Timestamp").isNumber()).isTrue();
            String metric = directive.at("/Metrics/0/Name").asText();
            assertThat(document.path(metric).isNumber()).as(document.toString()).isTrue();
            directive.at("/Dimensions/0").forEach(dimension -> assertThat(document.has(dimension.asText())).isTrue());
        });
        Map<String, Long> counted = new TreeMap<>();
        ACTIONS.forEach((cloud, action) -> counted.put(cloud, METRICS.stream()
                .filter(document -> document.has("CloudCalls") && document.path("cloud").asText().equals(cloud)
                        && document.path("action").asText().equals(action))
                .mapToLong(document -> document.path("CloudCalls").asLong()).sum()));
        assertThat(SEEN.values()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(counted).isEqualTo(SEEN);
        assertThat(METRICS).anySatisfy(document -> {
            assertThat(document.path("status").asText()).isEqualTo("ready");
            assertThat(document.path("FlowDuration").asDouble()).isPositive();
        });
    }

    /** The line each invocation ends with, in the order the invocations ended. */
    private static List<JsonNode> stepLines() {
        return LOG_LINES.stream().filter(line -> line.path("loggerName").asText().equals("overcast.steps")).toList();
    }

    /** logback.xml as a Lambda reads it: the JSON branch, chosen by AWS_LAMBDA_FUNCTION_NAME (here a system property). */
    private static void configureLogging() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(TelemetryTest.class.getResource("/logback.xml"));
    }
}
