package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.core.cluster.ClusterStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AwsFlowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = LocalWorld.start(Path.of("../.."));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void createThenDestroy_shouldLeaveTheAccountAsBefore() throws Exception {
        Snapshot before = world.cloudSim().world().snapshot("aws", LocalWorld.AWS_ACCOUNT);
        JsonNode create = JSON.readTree("""
                {"tenant": "t1", "spec": {"name": "solo", "clouds": ["aws"], "regions": {"aws": "us-east-1"},
                 "masters": {"count": 1, "size": "small"}, "workers": {"aws": {"count": 2, "size": "small"}}}}""");

        ExecutionResult created = timed("create-cluster", create);

        assertThat(created.status()).as(created.error() + ": " + created.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
        assertThat(world.store().clusters().get("solo").status()).isEqualTo(ClusterStatus.READY);

        ExecutionResult destroyed = timed("destroy-cluster", JSON.readTree("{\"clusterId\": \"solo\"}"));

        assertThat(destroyed.status()).as(destroyed.error() + ": " + destroyed.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
        assertThat(world.cloudSim().world().snapshot("aws", LocalWorld.AWS_ACCOUNT).diff(before)).isEmpty();
    }

    private static ExecutionResult timed(String flow, JsonNode input) {
        Instant start = world.clock().instant();
        long calls = world.cloudSim().world().calls().total("aws");
        ExecutionResult result = world.run(flow, input);
        System.out.printf("%s: %s, virtual %s, %d AWS calls%n", flow, result.status(),
                Duration.between(start, world.clock().instant()), world.cloudSim().world().calls().total("aws") - calls);
        return result;
    }
}
