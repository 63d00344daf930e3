package dev.overcast.runtime.reliability;

import static dev.overcast.runtime.reliability.Clusters.JSON;
import static dev.overcast.runtime.reliability.Clusters.assertSucceeded;
import static dev.overcast.runtime.reliability.Clusters.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.runtime.world.LocalClouds;
import dev.overcast.runtime.world.LocalWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Known secrets (the adapters' signing credentials and every tunnel's pre-shared key, as the secret
 * store resolves them) never reach what Overcast writes or says: every item of every DynamoDB table,
 * every log line (Overcast's at DEBUG, the libraries' at INFO), every progress event and every flow's
 * output and error, though the keys did reach the clouds. Plans hold references only.
 */
class SecretsScanTest {

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
        root.setLevel(Level.INFO);
        overcast.setLevel(Level.DEBUG);
        List<String> said = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        boolean cloudHeldKey;
        try (LocalWorld world = LocalWorld.start(Path.of("../.."))) {
            ObjectNode create = JSON.createObjectNode().put("tenant", "t1");
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

            ExecutionResult created = world.run("create-cluster", create);
            // The keys did reach the clouds, so finding them nowhere else means something.
            cloudHeldKey = world.cloudSim().world().resources("aws", LocalWorld.AWS_ACCOUNT).stream()
                    .anyMatch(r -> secrets.stream().anyMatch(secret -> r.attributes().toString().contains(secret)));
            for (ExecutionResult result : List.of(created,
                    world.run("scale-workers", cluster("vault").put("cloud", "gcp").put("workers", 1)),
                    world.run("reconcile-cluster", cluster("vault").put("purpose", "reconcile")),
                    world.run("destroy-cluster", cluster("vault")))) {
                assertSucceeded(result);
                said.add(result.output() + " " + result.error() + " " + result.cause());
            }
            world.store().progress().eventsOfCluster("vault").forEach(e -> said.add(e.toString()));
            for (String table : world.dynamoDb().listTables().tableNames()) {
                world.dynamoDb().scanPaginator(r -> r.tableName(table)).items().forEach(item -> said.add(table + " " + item));
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(rootLevel);
            overcast.setLevel(overcastLevel);
        }
        captured.list.forEach(e -> said.add(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))));

        assertThat(secrets).filteredOn(Objects::nonNull).hasSizeGreaterThanOrEqualTo(4);
        assertThat(cloudHeldKey).isTrue();
        assertThat(said).hasSizeGreaterThan(100);
        assertThat(said).noneSatisfy(line -> assertThat(secrets).anySatisfy(secret -> assertThat(line).contains(secret)));
    }
}
