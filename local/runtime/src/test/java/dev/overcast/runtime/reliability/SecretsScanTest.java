package dev.overcast.runtime.reliability;

import static dev.overcast.runtime.reliability.Clusters.JSON;
import static dev.overcast.runtime.reliability.Clusters.apiEvent;
import static dev.overcast.runtime.reliability.Clusters.assertSucceeded;
import static dev.overcast.runtime.reliability.Clusters.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.telemetry.EmbeddedMetrics;
import dev.overcast.runtime.up.LocalRuntime;
import dev.overcast.runtime.world.LocalClouds;
import dev.overcast.runtime.world.LocalWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Known secrets (the adapters' signing credentials and every tunnel's pre-shared key, as the secret
 * store resolves them) never reach what Overcast writes or says: every item of every DynamoDB table,
 * every log line (Overcast's at DEBUG, the libraries' at INFO), every progress event, every flow's
 * output and error, and every answer of the console API's read routes (and its dry run) after each
 * flow, though the keys did reach the clouds. Plans hold references only.
 */
class SecretsScanTest {
    private static final String TENANT = "t1";

    @Test
    void knownSecrets_shouldAppearInNoItemNoLogLineNoEventAndNoFlowOutput() throws Exception {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger overcast = logs.getLogger("dev.overcast");
        Level rootLevel = root.getLevel();
        Level overcastLevel = overcast.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logs);
        captured.start();
        root.addAppender(captured);
        // The metrics documents have a logger of their own (written raw, not through root's appenders).
        Logger metrics = logs.getLogger(EmbeddedMetrics.LOGGER);
        metrics.addAppender(captured);
        root.setLevel(Level.INFO);
        overcast.setLevel(Level.DEBUG);
        List<String> said = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        boolean cloudHeldKey;
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(Path.of("../..")).withPort(0))) {
            LocalWorld world = runtime.world();
            ObjectNode create = JSON.createObjectNode().put("tenant", TENANT).put("clusterId", "vault");
            create.set("spec", JSON.readTree("""
                    {"name": "vault", "clouds": ["aws", "gcp"], "near": "us-east", "masters": {"count": 1, "size": "small"},
                     "workers": {"aws": {"count": 0, "size": "small"}, "gcp": {"count": 0, "size": "small"}}}"""));
            for (Resource r : Planner.standard().plan(SpecReader.parseJson(create.get("spec").toString())).resources()) {
                if (r.attribute(Attributes.SHARED_SECRET_REF) != null) {
                    secrets.add(world.secrets().resolve(r.attribute(Attributes.SHARED_SECRET_REF)));
                }
            }
            secrets.add(LocalClouds.AWS_SECRET_KEY);
            secrets.add(LocalClouds.AZURE_TOKEN);

            said.add(read(runtime, apiEvent(TENANT, "POST", "/clusters", "/clusters", create.get("spec").toString())
                    .withQueryStringParameters(Map.of("dryRun", "true")), 200));
            ExecutionResult created = world.run("create-cluster", create);
            // The keys did reach the clouds, so finding them nowhere else means something.
            cloudHeldKey = world.cloudSim().world().resources("aws", LocalWorld.AWS_ACCOUNT).stream()
                    .anyMatch(r -> secrets.stream().anyMatch(secret -> r.attributes().toString().contains(secret)));
            said.addAll(reads(runtime, 200));
            List<ExecutionResult> results = new ArrayList<>(List.of(created,
                    world.run("scale-workers", cluster("vault").put("cloud", "gcp").put("workers", 1)),
                    world.run("reconcile-cluster", cluster("vault").put("purpose", "reconcile"))));
            said.addAll(reads(runtime, 200));
            results.add(world.run("destroy-cluster", cluster("vault")));
            said.addAll(reads(runtime, 0));
            for (ExecutionResult result : results) {
                assertSucceeded(result);
                said.add(result.output() + " " + result.error() + " " + result.cause());
            }
            world.store().progress().eventsOfCluster("vault").forEach(e -> said.add(e.toString()));
            for (String table : world.dynamoDb().listTables().tableNames()) {
                world.dynamoDb().scanPaginator(r -> r.tableName(table)).items().forEach(item -> said.add(table + " " + item));
            }
        } finally {
            root.detachAppender(captured);
            metrics.detachAppender(captured);
            root.setLevel(rootLevel);
            overcast.setLevel(overcastLevel);
        }
        captured.list.forEach(e -> said.add(e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))));

        assertThat(secrets).filteredOn(Objects::nonNull).hasSizeGreaterThanOrEqualTo(4);
        assertThat(cloudHeldKey).isTrue();
        assertThat(said).hasSizeGreaterThan(100);
        assertThat(said).noneSatisfy(line -> assertThat(secrets).anySatisfy(secret -> assertThat(line).contains(secret)));
    }

    /** Every read route's answer for the cluster; {@code status} 0 when the cluster may be gone. */
    private static List<String> reads(LocalRuntime runtime, int status) {
        return List.of(
                read(runtime, apiEvent(TENANT, "GET", "/clusters", "/clusters", null), 200),
                read(runtime, apiEvent(TENANT, "GET", "/clusters/{id}", "/clusters/vault", null)
                        .withPathParameters(Map.of("id", "vault")), status),
                read(runtime, apiEvent(TENANT, "GET", "/clusters/{id}/events", "/clusters/vault/events", null)
                        .withPathParameters(Map.of("id", "vault")), status));
    }

    private static String read(LocalRuntime runtime, APIGatewayProxyRequestEvent request, int status) {
        APIGatewayProxyResponseEvent answer = runtime.consoleApi().apply(request);
        if (status != 0) {
            assertThat(answer.getStatusCode()).as(request.getPath() + ": " + answer.getBody()).isEqualTo(status);
        }
        return request.getPath() + " " + answer.getBody();
    }
}
