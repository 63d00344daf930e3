package dev.overcast.runtime.reliability;

import static dev.overcast.runtime.reliability.Clusters.JSON;
import static dev.overcast.runtime.reliability.Clusters.assertSucceeded;
import static dev.overcast.runtime.reliability.Clusters.cluster;
import static dev.overcast.runtime.reliability.Clusters.create;
import static dev.overcast.runtime.reliability.Clusters.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.runtime.world.LocalWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flows that overlap on one cluster, each with one defined outcome: the hourly run skips a cluster whose
 * reconcile is under way (it lists only ready and failed clusters; one that slips in between finds the
 * lock held and ends {@code locked}, see {@code AwsFlowsTest}), a destroy during create is refused as
 * locked, a scale during destroy is refused. State stays whole in every case.
 */
class FlowOverlapTest {
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
    void hourlyReconcileOverlappingARunningOne_shouldSkipTheCluster_andTheRunningOneRepairsIt() throws Exception {
        assertSucceeded(world.run("create-cluster", create("hourly", 1)));
        String worker = world.store().inventory().find("hourly", "hourly-instance-aws-0").orElseThrow().cloudId();
        world.cloudSim().world().deleteByHand("aws", LocalWorld.AWS_ACCOUNT, Clusters.REGION, worker);

        CompletableFuture<ExecutionResult> running;
        ExecutionResult hourly;
        world.clock().join();
        try {
            running = world.start("reconcile-cluster", cluster("hourly").put("purpose", "reconcile"));
            awaitWhile(() -> world.store().clusters().get("hourly").status() != ClusterStatus.RECONCILING);
            hourly = world.run("reconcile-all", JSON.createObjectNode().put("time", "2026-01-01T01:00:00Z"));
        } finally {
            world.clock().leave();
        }

        assertSucceeded(hourly);
        // The hourly run visited every settled cluster but the one under the running reconcile's lease.
        long settledOthers = world.store().clusters().list().stream().filter(c -> !c.id().equals("hourly"))
                .filter(c -> c.status() == ClusterStatus.READY || c.status() == ClusterStatus.FAILED).count();
        assertThat(hourly.output().findValues("clusters").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(settledOthers);
        assertSucceeded(running.get());
        assertThat(world.store().inventory().find("hourly", "hourly-instance-aws-0").orElseThrow().cloudId()).isNotEqualTo(worker);
        assertThat(world.store().clusters().get("hourly").status()).isEqualTo(ClusterStatus.READY);
        assertThat(Clusters.duplicates(world, "hourly")).isEmpty();
        assertSucceeded(world.run("destroy-cluster", cluster("hourly")));
    }

    @Test
    void destroyRequestedDuringCreate_shouldBeRefusedAsLocked_andTheCreateFinishes() throws Exception {
        CompletableFuture<ExecutionResult> creating;
        ExecutionResult destroy;
        world.clock().join();
        try {
            creating = world.start("create-cluster", create("early", 1));
            awaitWhile(() -> world.store().clusters().find("early").isEmpty());
            destroy = world.run("destroy-cluster", cluster("early"));
        } finally {
            world.clock().leave();
        }

        assertThat(destroy.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(destroy.error()).isEqualTo("Overcast.LockHeld");
        assertThat(destroy.cause()).contains("create");
        assertSucceeded(creating.get());
        assertThat(world.store().clusters().get("early").status()).isEqualTo(ClusterStatus.READY);
        assertSucceeded(world.run("destroy-cluster", cluster("early")));
        assertThat(world.store().clusters().get("early").status()).isEqualTo(ClusterStatus.DELETED);
    }

    @Test
    void scaleDuringDestroy_shouldBeRefusedNamingTheStatus_andNothingStaysQueued() throws Exception {
        assertSucceeded(world.run("create-cluster", create("leaving", 1)));

        CompletableFuture<ExecutionResult> destroying;
        ExecutionResult scaled;
        world.clock().join();
        try {
            destroying = world.start("destroy-cluster", cluster("leaving"));
            awaitWhile(() -> world.store().clusters().get("leaving").status() != ClusterStatus.DELETING);
            scaled = world.run("scale-workers", scale("leaving", 3));
        } finally {
            world.clock().leave();
        }

        assertThat(scaled.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(scaled.error()).isEqualTo("Overcast.Refused");
        assertThat(scaled.cause()).contains("cluster leaving is deleting");
        assertSucceeded(destroying.get());
        assertThat(world.store().clusters().get("leaving").status()).isEqualTo(ClusterStatus.DELETED);
        assertThat(world.store().changes().pending("leaving")).isEmpty();
    }

    /**
     * Real-time polling of another flow's progress while the virtual clock is held, on this thread (the one
     * the clock counts as working); a flow that never gets there fails the test instead of hanging it.
     */
    private static void awaitWhile(BooleanSupplier condition) {
        await().atMost(Duration.ofMinutes(5)).pollInSameThread().pollInterval(Duration.ofMillis(20))
                .until(() -> !condition.getAsBoolean());
    }
}
