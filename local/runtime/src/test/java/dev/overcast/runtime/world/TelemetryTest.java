package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.functions.telemetry.EmbeddedMetrics;
import dev.overcast.functions.telemetry.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One create flow in the local world with logging configured as on Lambda (logback.xml's JSON branch,
 * chosen by AWS_LAMBDA_FUNCTION_NAME): its stdout is read back line by line, as CloudWatch Logs would
 * read a function's, for the correlation keys, the cold-start flag and the EMF documents.
 */
class TelemetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAMBDA_MARKER = "AWS_LAMBDA_FUNCTION_NAME";
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static PrintStream stdout;
    private static LocalWorld world;
    private static ExecutionResult created;
    private static long runInstancesSeen;
    private static final List<JsonNode> LOG_LINES = new ArrayList<>();
    private static final List<JsonNode> METRICS = new ArrayList<>();

    @BeforeAll
    static void createOneClusterAsOnLambda() throws JoranException, IOException {
        stdout = System.out;
        System.setOut(new PrintStream(CAPTURED, true, StandardCharsets.UTF_8));
        System.setProperty(LAMBDA_MARKER, "overcast-telemetry-test");
        configureLogging();
        world = LocalWorld.start(Path.of("../.."));
        long before = world.cloudSim().world().calls().count("aws", "RunInstances");
        created = world.run("create-cluster", create("tele", 2));
        runInstancesSeen = world.cloudSim().world().calls().count("aws", "RunInstances") - before;
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
            assertThat(keys.path(Invocation.CLUSTER_ID).asText()).as(line.toString()).isEqualTo("tele");
        });
        List<JsonNode> ends = stepLines();
        assertThat(ends).extracting(line -> line.at("/mdc/step").asText())
                .contains("acquireLock", "recordCluster", "convergeCloud", "markStatus", "releaseLock");
        assertThat(ends).filteredOn(line -> line.at("/mdc/step").asText().equals("recordCluster"))
                .allSatisfy(line -> assertThat(line.at("/mdc/tenant").asText()).isEqualTo("t1"));
        assertThat(ends).filteredOn(line -> line.at("/mdc/step").asText().equals("convergeCloud"))
                .allSatisfy(line -> assertThat(line.at("/mdc/cloud").asText()).isEqualTo("aws"));
        // Every line of the flow's own steps comes from an invocation: none is logged outside one.
        assertThat(LOG_LINES).filteredOn(line -> line.path("loggerName").asText().startsWith("dev.overcast.functions"))
                .allSatisfy(line -> assertThat(line.path("mdc").has(Invocation.STEP)).as(line.toString()).isTrue());
    }

    @Test
    void firstInvocationOfAFunction_shouldBeTheColdStart() {
        Set<String> seen = new HashSet<>();
        assertThat(stepLines()).allSatisfy(line -> {
            boolean first = seen.add(line.at("/mdc/step").asText());
            assertThat(line.at("/mdc/coldStart").asText()).as(line.toString()).isEqualTo(String.valueOf(first));
        });
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
        long runInstances = METRICS.stream()
                .filter(document -> document.has("CloudCalls") && document.path("cloud").asText().equals("aws")
                        && document.path("action").asText().equals("RunInstances"))
                .mapToLong(document -> document.path("CloudCalls").asLong()).sum();
        assertThat(runInstancesSeen).isPositive();
        assertThat(runInstances).isEqualTo(runInstancesSeen);
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

    private static ObjectNode create(String name, int workers) {
        ObjectNode input = JSON.createObjectNode().put("tenant", "t1");
        ObjectNode spec = input.putObject("spec").put("name", name);
        spec.putArray("clouds").add("aws");
        spec.putObject("regions").put("aws", "us-east-1");
        spec.putObject("masters").put("count", 1).put("size", "small");
        spec.putObject("workers").putObject("aws").put("count", workers).put("size", "small");
        return input;
    }
}
