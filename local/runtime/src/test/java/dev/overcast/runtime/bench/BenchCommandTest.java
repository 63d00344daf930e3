package dev.overcast.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every {@code overcast bench} command on a tiny setting: it runs and writes its JSON (numbers are not checked). */
class BenchCommandTest {
    @TempDir
    static Path output;

    @BeforeAll
    static void sendResultsToTemporaryDirectory() {
        System.setProperty(BenchReport.OUTPUT_PROPERTY, output.toString());
    }

    @AfterAll
    static void restore() {
        System.clearProperty(BenchReport.OUTPUT_PROPERTY);
    }

    @Test
    void makespan_shouldWriteCreateAndDestroyAgainstTheCriticalPath() throws Exception {
        JsonNode results = bench("makespan", "--spec", "examples/single-cloud-dev.yaml");

        assertThat(results.at("/create/criticalPathSeconds").asDouble()).isPositive();
        assertThat(results.at("/create/makespanSeconds").asDouble()).isGreaterThanOrEqualTo(results.at("/create/criticalPathSeconds").asDouble());
        assertThat(results.at("/destroy/criticalChain").isArray()).isTrue();
    }

    @Test
    void reconcileCalls_shouldCountReadsAndWritesPerCloud() throws Exception {
        JsonNode results = bench("reconcile-calls", "--workers", "3", "--spec", "examples/single-cloud-dev.yaml");

        assertThat(results.at("/workers3/gcp/reads").asLong()).isPositive();
        assertThat(results.at("/workers3/gcp/writes").isNumber()).isTrue();
    }

    @Test
    void reconcileScale_shouldReconcileEveryCluster() throws Exception {
        JsonNode results = bench("reconcile-scale", "--clusters", "4", "--accounts", "2", "--latency", "realistic");

        assertThat(results.get("reconciled").asInt()).isEqualTo(4);
        assertThat(results.get("failedClusters").asInt()).isZero();
        assertThat(results.get("maxHistoryEvents").asInt()).isPositive().isLessThan(25_000);
        assertThat(results.get("stateTransitionsPerCluster").asDouble()).isPositive();
    }

    @Test
    void reconcileScale_shouldRunTheReplacedInlineFlow_inOneExecution() throws Exception {
        JsonNode distributed = bench("reconcile-scale", "--clusters", "4", "--accounts", "2", "--latency", "realistic");
        JsonNode inline = bench("reconcile-scale", "--clusters", "4", "--accounts", "2", "--latency", "realistic", "--flow", "inline");

        assertThat(inline.get("flow").asText()).isEqualTo("inline");
        assertThat(inline.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(inline.get("reconciled").asInt()).isEqualTo(4);
        // One execution holds every cluster's Map iteration; the distributed flow gives each account and cluster its own.
        assertThat(inline.get("executions").asInt()).isLessThan(distributed.get("executions").asInt());
    }

    @Test
    void coldStart_shouldTimeEachVariantInFreshJvms() throws Exception {
        Path target = BenchReport.home().resolve("functions/aws/target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            assumeTrue(files.anyMatch(f -> f.getFileName().toString().endsWith("-lambda.zip")),
                    "functions/aws has no Lambda zip; build it with mvn package");
        }

        JsonNode results = bench("cold-start", "--runs", "1", "--functions", "aws", "--variants", "functionInvoker,functionInvokerPrimed,plainHandler");

        assertThat(results.at("/aws/functionInvoker/medianMs").asDouble()).isPositive();
        assertThat(results.at("/aws/plainHandler/medianPeakRssMb").asDouble()).isPositive();
        // Priming runs the converge path before the invocation, so the invocation itself loads fewer classes.
        assertThat(results.at("/aws/functionInvoker/classesLoadedByFirstInvocation").asInt())
                .isGreaterThan(results.at("/aws/functionInvokerPrimed/classesLoadedByFirstInvocation").asInt());
        assertThat(results.at("/aws/firstInvocationClassShare").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void interpreterAndStore_shouldWriteTheirJson() throws Exception {
        assertThat(bench("interpreter", "--states", "10", "--items", "10", "--runs", "1").get("passChainStates").asInt()).isEqualTo(10);
        assertThat(bench("store", "--ops", "10", "--warmup", "1", "--threads", "2").get("ops").asInt()).isEqualTo(10);
    }

    private static JsonNode bench(String... args) throws Exception {
        int exit = new CommandLine(new BenchCommand()).execute(args);
        assertThat(exit).as("exit code of bench " + args[0]).isZero();
        return new ObjectMapper().readTree(output.resolve(args[0] + ".json").toFile()).get("results");
    }
}
