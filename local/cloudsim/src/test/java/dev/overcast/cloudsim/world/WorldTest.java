package dev.overcast.cloudsim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSimConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorldTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static World world(CloudSimConfig config) {
        return new World(config.withClock(VirtualClock.fixed(START)));
    }

    private static SimResource vpc(World world, String region) {
        return world.create("aws", "111111111111", region, "vpc", world.newId("vpc"), "pending", "available");
    }

    @Test
    void state_shouldFollowTheTimeline_onTheVirtualClock() {
        World world = world(CloudSimConfig.defaults().withEventualConsistency(false)
                .withDurations(Durations.defaults().with("aws", "vpn-gateway.create", Duration.ofMinutes(7))));
        SimResource gateway = world.create("aws", "a", "us-east-1", "vpn-gateway", "vgw-1", "pending", "available");

        assertThat(gateway.state(world.clock().now())).isEqualTo("pending");
        world.advance(Duration.ofMinutes(6));
        assertThat(gateway.state(world.clock().now())).isEqualTo("pending");
        world.advance(Duration.ofMinutes(1));
        assertThat(gateway.state(world.clock().now())).isEqualTo("available");

        world.retire(gateway, "deleting", "deleted");
        assertThat(gateway.state(world.clock().now())).isEqualTo("deleting");
        world.advance(Duration.ofMinutes(2));
        assertThat(gateway.state(world.clock().now())).isEqualTo("deleted");
        assertThat(world.describe("aws", "a", "us-east-1", "vpn-gateway")).containsExactly(gateway);
        world.advance(Duration.ofHours(1));
        assertThat(world.describe("aws", "a", "us-east-1", "vpn-gateway")).isEmpty();
    }

    @Test
    void retireTogether_shouldIgnoreDependentsInsideTheSet_andBeRefusedByOneOutsideIt() {
        World world = world(CloudSimConfig.defaults().withEventualConsistency(false));
        SimResource network = vpc(world, "us-east-1");
        SimResource subnet = world.create("aws", "111111111111", "us-east-1", "subnet", "subnet-1", "pending", "available");
        SimResource outsider = world.create("aws", "111111111111", "us-east-1", "instance", "i-1", "pending", "running");
        subnet.dependsOn().add(network.id());

        world.retireTogether(List.of(network, subnet), "deleting", "deleted");
        outsider.dependsOn().add("subnet-2");
        SimResource used = world.create("aws", "111111111111", "us-east-1", "subnet", "subnet-2", "pending", "available");

        assertThat(network.retired()).isTrue();
        assertThat(subnet.retired()).isTrue();
        assertThatThrownBy(() -> world.retireTogether(List.of(used), "deleting", "deleted"))
                .isInstanceOf(CloudError.class).hasMessageContaining("i-1");
        assertThat(used.retired()).isFalse();
    }

    @Test
    void settle_shouldMakeFreshResourcesVisibleAndReady_inEveryRegionOfTheAccount() {
        World world = world(CloudSimConfig.defaults());
        SimResource east = vpc(world, "us-east-1");
        SimResource west = vpc(world, "eu-west-1");

        world.settle("aws", "111111111111", Duration.ofMinutes(3));

        assertThat(world.describe("aws", "111111111111", "us-east-1", "vpc")).containsExactly(east);
        assertThat(world.describe("aws", "111111111111", "eu-west-1", "vpc")).containsExactly(west);
        assertThat(east.state(world.clock().now())).isEqualTo("available");
    }

    @Test
    void create_shouldFailWithTheQuotasCode_whenTheRegionIsFull() {
        World world = world(CloudSimConfig.defaults().withQuotas(Quotas.none().with("aws", "vpc", 2, "VpcLimitExceeded")));
        vpc(world, "us-east-1");
        SimResource second = vpc(world, "us-east-1");

        assertThatThrownBy(() -> vpc(world, "us-east-1"))
                .isInstanceOfSatisfying(CloudError.class, e -> assertThat(e.code()).isEqualTo("VpcLimitExceeded"));
        assertThat(vpc(world, "eu-west-1")).isNotNull();
        world.delete(second);
        assertThat(vpc(world, "us-east-1")).isNotNull();
    }

    @Test
    void delete_shouldFailWithDependencyViolation_whileALiveResourceDependsOnIt() {
        World world = world(CloudSimConfig.defaults());
        SimResource vpc = vpc(world, "us-east-1");
        SimResource subnet = world.create("aws", "111111111111", "us-east-1", "subnet", "subnet-1", "pending", "available");
        subnet.dependsOn().add(vpc.id());

        assertThatThrownBy(() -> world.delete(vpc))
                .isInstanceOfSatisfying(CloudError.class, e -> {
                    assertThat(e.code()).isEqualTo(CloudError.DEPENDENCY_VIOLATION);
                    assertThat(e.getMessage()).contains("subnet-1");
                });
        world.delete(subnet);
        world.delete(vpc);
        assertThat(world.resources("aws", "111111111111")).isEmpty();
    }

    @Test
    void describe_shouldHideAFreshResource_forTheFrontsReadLag_howeverOftenItIsRead() {
        World consistent = world(CloudSimConfig.defaults().withEventualConsistency(false));
        World eventual = world(CloudSimConfig.defaults().withReadLag(ReadLag.none().with("aws", Duration.ofSeconds(2))));
        vpc(consistent, "us-east-1");
        vpc(eventual, "us-east-1");

        assertThat(consistent.describe("aws", "111111111111", "us-east-1", "vpc")).hasSize(1);
        assertThat(eventual.describe("aws", "111111111111", "us-east-1", "vpc")).isEmpty();
        assertThat(eventual.describe("aws", "111111111111", "us-east-1", "vpc")).isEmpty();
        assertThat(eventual.live("aws", "111111111111", "us-east-1", "vpc")).hasSize(1);
        eventual.advance(Duration.ofMillis(1999));
        assertThat(eventual.describe("aws", "111111111111", "us-east-1", "vpc")).isEmpty();
        eventual.advance(Duration.ofMillis(1));
        assertThat(eventual.describe("aws", "111111111111", "us-east-1", "vpc")).hasSize(1);
    }

    @Test
    void describe_shouldListAnOldResource_thatNoReadHasSeenBefore() {
        World world = world(CloudSimConfig.defaults());
        SimResource group = world.create("azure", "s", "westeurope", "networksecuritygroups", "nsg-1", "Updating", "Succeeded");

        world.advance(Duration.ofMinutes(10));

        assertThat(world.describe("azure", "s", "westeurope", "networksecuritygroups")).containsExactly(group);
    }

    @Test
    void delete_shouldFailWithDependencyViolation_untilARetiredDependentsDeletionCompletes() {
        World world = world(CloudSimConfig.defaults().withEventualConsistency(false));
        SimResource subnet = world.create("aws", "111111111111", "us-east-1", "subnet", "subnet-1", "pending", "available");
        SimResource instance = world.create("aws", "111111111111", "us-east-1", "instance", "i-1", "pending", "running");
        instance.dependsOn().add(subnet.id());
        world.advance(Duration.ofMinutes(2));

        world.retire(instance, "shutting-down", "terminated");

        assertThatThrownBy(() -> world.delete(subnet))
                .isInstanceOfSatisfying(CloudError.class, e -> assertThat(e.code()).isEqualTo(CloudError.DEPENDENCY_VIOLATION));
        world.advance(Durations.defaults().of("aws", "instance.delete"));
        world.delete(subnet);
        assertThat(world.find("aws", "111111111111", "us-east-1", subnet.id())).isEmpty();
    }

    @Test
    void retireAfterDependents_shouldPassDependentsBeingDeleted_andFinishNoEarlierThanThem() {
        World world = world(CloudSimConfig.defaults().withEventualConsistency(false)
                .withDurations(Durations.none().with("azure", "virtualmachines.delete", Duration.ofSeconds(45))));
        SimResource disk = world.create("azure", "s", "westeurope", "disks", "disk-1", "Creating", "Succeeded");
        SimResource machine = world.create("azure", "s", "westeurope", "virtualmachines", "vm-1", "Creating", "Succeeded");
        machine.dependsOn().add(disk.id());
        world.retire(machine, "Deleting", "Deleted");

        assertThatThrownBy(() -> world.retire(disk, "Deleting", "Deleted"))
                .isInstanceOfSatisfying(CloudError.class, e -> assertThat(e.code()).isEqualTo(CloudError.DEPENDENCY_VIOLATION));
        world.retireAfterDependents(disk, "Deleting", "Deleted");

        world.advance(Duration.ofSeconds(44));
        assertThat(disk.state(world.clock().now())).isEqualTo("Deleting");
        world.advance(Duration.ofSeconds(1));
        assertThat(disk.state(world.clock().now())).isEqualTo("Deleted");
    }

    @Test
    void snapshot_shouldEqualAnEarlierOne_onlyWhenNothingChanged_andDiffSaysWhat() {
        World world = world(CloudSimConfig.defaults());
        SimResource vpc = vpc(world, "us-east-1");
        vpc.tags().put("team", "blue");
        Snapshot before = world.snapshot("aws", "111111111111");

        assertThat(world.snapshot("aws", "111111111111")).isEqualTo(before);

        world.alterByHand("aws", "111111111111", "us-east-1", vpc.id(), r -> r.tags().put("team", "red"));
        SimResource extra = vpc(world, "us-east-1");
        Snapshot after = world.snapshot("aws", "111111111111");

        assertThat(after).isNotEqualTo(before);
        assertThat(before.diff(after)).containsExactlyInAnyOrder(
                "~ " + vpc.id() + " tags: {team=blue} → {team=red}",
                "+ " + extra.id() + " (vpc, us-east-1)");
        assertThat(world.deleteByHand("aws", "111111111111", "us-east-1", extra.id())).isTrue();
        assertThat(world.deleteByHand("aws", "111111111111", "us-east-1", extra.id())).isFalse();
        assertThat(world.snapshot("aws", "111111111111").diff(before)).containsExactly("~ " + vpc.id() + " tags: {team=red} → {team=blue}");
    }

    @Test
    void knowsAccount_shouldAcceptAnyAccount_unlessTheRunFixedASet() {
        assertThat(world(CloudSimConfig.defaults()).knowsAccount("999999999999")).isTrue();
        World fixed = world(CloudSimConfig.defaults().withAccounts(Set.of("111111111111")));
        assertThat(fixed.knowsAccount("111111111111")).isTrue();
        assertThat(fixed.knowsAccount("999999999999")).isFalse();
    }

    @Test
    void throttle_shouldEmptyAtTheBurst_andRefillOnRealElapsedTime() {
        AtomicLong nanos = new AtomicLong();
        Throttle throttle = new Throttle(Throttle.Limits.defaults().with("aws", "mutating", new Throttle.Limit(2, 5)), nanos::get);

        assertThat(throttle.admit("aws", "a", "r", "mutating")).isTrue();
        assertThat(throttle.admit("aws", "a", "r", "mutating")).isTrue();
        assertThat(throttle.admit("aws", "a", "r", "mutating")).isFalse();
        assertThat(throttle.admit("aws", "b", "r", "mutating")).isTrue();
        nanos.addAndGet(200_000_000L);
        assertThat(throttle.admit("aws", "a", "r", "mutating")).isTrue();
        assertThat(throttle.admit("aws", "a", "r", "mutating")).isFalse();
        assertThat(throttle.admit("aws", "a", "r", "unlimited")).isTrue();
    }

    @Test
    void faults_shouldFailTheNextCallsInOrder_thenStop() {
        Faults faults = new Faults();
        faults.failNext("aws", "CreateVpc", 2, "InternalError");
        faults.failNext("aws", "CreateVpc", 1, "Unavailable");

        assertThat(faults.next("aws", "CreateVpc", List.of())).contains("InternalError");
        assertThat(faults.next("aws", "DeleteVpc", List.of())).isEmpty();
        assertThat(faults.next("aws", "CreateVpc", List.of())).contains("InternalError");
        assertThat(faults.next("aws", "CreateVpc", List.of())).contains("Unavailable");
        assertThat(faults.next("aws", "CreateVpc", List.of())).isEmpty();
    }

    @Test
    void randomFaults_shouldRepeat_forTheSameSeed() {
        Faults a = new Faults();
        Faults b = new Faults();
        a.randomFaults(0.5, 11);
        b.randomFaults(0.5, 11);
        List<String> codes = List.of("RequestLimitExceeded", "InternalError");

        for (int i = 0; i < 50; i++) {
            assertThat(a.next("aws", "X", codes)).isEqualTo(b.next("aws", "X", codes));
        }
        assertThatThrownBy(() -> a.randomFaults(1.5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    }

    @Test
    void clock_shouldOnlyMoveForward() {
        VirtualClock clock = VirtualClock.fixed(START);
        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.now()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(VirtualClock.scaled(60).now()).isAfter(START);
    }
}
