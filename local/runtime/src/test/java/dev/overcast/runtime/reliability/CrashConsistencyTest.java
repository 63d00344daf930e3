package dev.overcast.runtime.reliability;

import static dev.overcast.runtime.reliability.Clusters.JSON;
import static dev.overcast.runtime.reliability.Clusters.assertSucceeded;
import static dev.overcast.runtime.reliability.Clusters.cluster;
import static dev.overcast.runtime.reliability.Clusters.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.task.FunctionError;
import dev.overcast.cloudsim.http.AnswerFault;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.functions.lock.AcquireLock;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.exceptions.StaleFencingTokenException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Crashes in the middle of a flow. The world runs without SDK retries, so a cloud call whose answer is
 * lost fails inside the converge function after the cloud did the work: exactly a Lambda that dies
 * after its cloud call and before it records the result, retried by the machine.
 */
class CrashConsistencyTest {
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = LocalWorld.startWithoutSdkRetries(Path.of("../.."));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void createWhoseCloudCallsDieAfterTheWork_shouldNotDuplicateOnRetry() {
        Snapshot before = snapshot();
        for (String action : List.of("CreateVpc", "CreateSubnet", "CreateInternetGateway", "CreateSecurityGroup", "RunInstances",
                "AllocateAddress", "CreateRouteTable")) {
            world.cloudSim().world().faults().failNext("aws", action, 1, AnswerFault.LOST.code());
        }

        assertSucceeded(world.run("create-cluster", create("crashy", 2)));

        assertThat(Clusters.duplicates(world, "crashy")).isEmpty();
        assertThat(world.store().clusters().get("crashy").status()).isEqualTo(ClusterStatus.READY);
        assertSucceeded(world.run("destroy-cluster", cluster("crashy")));
        assertThat(before.diff(snapshot())).isEmpty();
    }

    @Test
    void executionThatDiesHoldingTheLock_shouldBlockTheClusterOnlyUntilItsLeaseExpires() {
        assertSucceeded(world.run("create-cluster", create("orphaned", 0)));
        world.store().locks().acquire("orphaned", "arn:execution:died", LeasePurpose.RECONCILE, AcquireLock.TTL);

        ExecutionResult blocked = world.run("reconcile-cluster", cluster("orphaned").put("purpose", "reconcile"));
        world.clock().advanceTo(world.clock().instant().plus(AcquireLock.TTL));
        ExecutionResult after = world.run("reconcile-cluster", cluster("orphaned").put("purpose", "reconcile"));

        assertSucceeded(blocked);
        assertThat(blocked.output().path("locked").asBoolean()).isTrue();
        assertSucceeded(after);
        assertThat(after.output().path("locked").asBoolean()).isFalse();
        assertThat(world.store().clusters().get("orphaned").status()).isEqualTo(ClusterStatus.READY);
        assertThat(world.store().locks().current("orphaned")).isEmpty();
        assertSucceeded(world.run("destroy-cluster", cluster("orphaned")));
    }

    @Test
    void staleHolder_shouldHaveItsWritesFencedOff_afterAnotherExecutionTookTheExpiredLease() {
        assertSucceeded(world.run("create-cluster", create("fenced", 0)));
        Lease stale = world.store().locks().acquire("fenced", "arn:execution:frozen", LeasePurpose.RECONCILE, AcquireLock.TTL);
        world.clock().advanceTo(world.clock().instant().plus(AcquireLock.TTL));
        Lease current = world.store().locks().acquire("fenced", "arn:execution:next", LeasePurpose.RECONCILE, AcquireLock.TTL);
        List<InventoryEntry> rows = world.store().inventory().list("fenced");
        ObjectNode staleMark = JSON.createObjectNode().put("status", "failed").put("reason", "a frozen Lambda woke up");
        staleMark.putObject("lease").put("clusterId", "fenced").put("owner", stale.owner()).put("token", stale.fencingToken());

        assertThatThrownBy(() -> world.store().inventory().putAll(stale, rows)).isInstanceOf(StaleFencingTokenException.class);
        assertThatThrownBy(() -> world.function("markStatus").orElseThrow().apply(staleMark))
                .isInstanceOfSatisfying(FunctionError.class, e -> assertThat(e.errorType()).isEqualTo(StaleFencingTokenException.class.getName()));
        assertThat(world.store().clusters().get("fenced").status()).isEqualTo(ClusterStatus.READY);
        assertThat(current.fencingToken()).isGreaterThan(stale.fencingToken());

        world.store().locks().release(current);
        assertSucceeded(world.run("destroy-cluster", cluster("fenced")));
    }

    @Test
    void destroyThatFindsNothingAtFirst_shouldLookOnceMore_andDeleteWhatHidFromTheFirstDescribe() {
        Snapshot before = snapshot();
        world.cloudSim().world().faults().failNext("aws", "CreateVpc", 1, "VpcLimitExceeded");
        assertThat(world.run("create-cluster", create("hiding", 0)).status()).isEqualTo(ExecutionResult.Status.FAILED);
        // The last call of a flow stopped half-way lands after it: EC2 leaves the new VPC out of the next describe.
        try (Ec2Client ec2 = world.ec2ByHand(Clusters.REGION)) {
            ec2.createVpc(r -> r.cidrBlock("10.10.0.0/16")
                    .tagSpecifications(OwnedTags.specification(ResourceType.VPC, "hiding", "hiding-network-aws")));
        }

        assertSucceeded(world.run("destroy-cluster", cluster("hiding")));

        assertThat(world.store().progress().eventsOfCluster("hiding")).anySatisfy(e -> assertThat(e.status()).isEqualTo("confirming"));
        world.cloudSim().world().settle("aws", LocalWorld.AWS_ACCOUNT, Duration.ofMinutes(10));
        assertThat(before.diff(snapshot())).isEmpty();
    }

    private static Snapshot snapshot() {
        return world.cloudSim().world().snapshot("aws", LocalWorld.AWS_ACCOUNT);
    }
}
