package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import dev.overcast.store.exceptions.ClusterAlreadyExistsException;
import dev.overcast.store.exceptions.ClusterNotFoundException;
import dev.overcast.store.exceptions.IllegalStatusTransitionException;
import dev.overcast.store.exceptions.StaleFencingTokenException;
import dev.overcast.store.exceptions.VersionConflictException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class ClusterStoreTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void create_shouldStoreClusterCreatingAtVersionOne(FreshStore fresh) {
        Cluster created = fresh.store().clusters().create("c1", "team-a", "c1", "{\"workers\":3}");

        assertThat(created.status()).isEqualTo(ClusterStatus.CREATING);
        assertThat(created.version()).isEqualTo(1);
        assertThat(fresh.store().clusters().get("c1")).isEqualTo(created);
        assertThat(fresh.store().clusters().listByTenant("team-a")).containsExactly(created);
        assertThat(fresh.store().clusters().list()).containsExactly(created);
    }

    @Test
    void pins_shouldSurviveEveryLaterWrite(FreshStore fresh) {
        ClusterStore clusters = fresh.store().clusters();
        Cluster created = clusters.create("c1", "team-a", "c1", "{\"workers\":3}", "{\"plannerVersion\":1}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        Cluster ready = clusters.moveTo(lease, created, ClusterStatus.READY, null);
        Cluster respecced = clusters.updateSpec(lease, ready, "{\"workers\":4}");
        fresh.store().changes().enqueue("c1", ChangeKind.SCALE_WORKERS, "{}");
        fresh.store().changes().drain(lease, (spec, change) -> "{\"workers\":5}");

        assertThat(created.pins()).isEqualTo("{\"plannerVersion\":1}");
        assertThat(respecced.pins()).isEqualTo(created.pins());
        assertThat(clusters.get("c1").pins()).isEqualTo(created.pins());
        assertThat(clusters.get("c1").spec()).isEqualTo("{\"workers\":5}");
    }

    @Test
    void pin_shouldRecordPins_onAClusterRecordedWithout(FreshStore fresh) {
        ClusterStore clusters = fresh.store().clusters();
        Cluster old = clusters.create("c1", "team-a", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.RECONCILE, TTL);

        Cluster pinned = clusters.pin(lease, old, "{\"plannerVersion\":1}");

        assertThat(old.pins()).isNull();
        assertThat(pinned.version()).isEqualTo(old.version() + 1);
        assertThat(clusters.get("c1")).isEqualTo(pinned);
        assertThatThrownBy(() -> clusters.pin(lease, old, "{}")).as("a pin names the version it read")
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void create_shouldFail_whenIdTaken(FreshStore fresh) {
        fresh.store().clusters().create("c1", "team-a", "c1", "{}");

        assertThatThrownBy(() -> fresh.store().clusters().create("c1", "team-b", "c1", "{}"))
                .isInstanceOf(ClusterAlreadyExistsException.class);
        assertThat(fresh.store().clusters().get("c1").tenant()).isEqualTo("team-a");
    }

    @Test
    void withdraw_shouldRemoveTheRecord_whileNothingMovedIt(FreshStore fresh) {
        Cluster created = fresh.store().clusters().create("c1", "team-a", "c1", "{}");

        fresh.store().clusters().withdraw(created);

        assertThat(fresh.store().clusters().find("c1")).isEmpty();
        assertThat(fresh.store().clusters().create("c2", "team-a", "c1", "{}").id()).as("the name is free again").isEqualTo("c2");
    }

    @Test
    void create_shouldFail_whenTheTenantHasALiveClusterOfThatName(FreshStore fresh) {
        fresh.store().clusters().create("x-1", "team-a", "x", "{}");

        assertThatThrownBy(() -> fresh.store().clusters().create("x-2", "team-a", "x", "{}"))
                .isInstanceOf(ClusterAlreadyExistsException.class).hasMessageContaining("'x'");
        assertThat(fresh.store().clusters().find("x-2")).as("the transaction wrote nothing").isEmpty();
        assertThat(fresh.store().clusters().findByName("team-a", "x")).map(Cluster::id).contains("x-1");
    }

    @Test
    void create_shouldLetEveryTenantHaveItsOwnClusterOfOneName(FreshStore fresh) {
        Cluster a = fresh.store().clusters().create("x-1", "team-a", "x", "{}");
        Cluster b = fresh.store().clusters().create("x-2", "team-b", "x", "{}");

        assertThat(fresh.store().clusters().findByName("team-a", "x")).contains(a);
        assertThat(fresh.store().clusters().findByName("team-b", "x")).contains(b);
        assertThat(fresh.store().clusters().findByName("team-c", "x")).isEmpty();
        assertThat(fresh.store().clusters().find("name/team-a/x")).as("a claim is no cluster").isEmpty();
        assertThat(fresh.store().clusters().listByTenant("team-b")).containsExactly(b);
        assertThat(fresh.store().clusters().list()).as("rows only, no name claims").containsExactlyInAnyOrder(a, b);
        assertThat(fresh.store().clusters().scanPage(null, 10).items()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void moveToDeleted_shouldReleaseTheName_keepingTheDeletedClusterFoundUntilItIsTakenOver(FreshStore fresh) {
        ClusterStore clusters = fresh.store().clusters();
        Cluster old = clusters.create("x-1", "team-a", "x", "{}");
        Lease lease = fresh.store().locks().acquire("x-1", "exec-a", LeasePurpose.DESTROY, TTL);
        Cluster deleting = clusters.moveTo(lease, old, ClusterStatus.DELETING, null);
        assertThatThrownBy(() -> clusters.create("x-2", "team-a", "x", "{}")).isInstanceOf(ClusterAlreadyExistsException.class);

        clusters.moveTo(lease, deleting, ClusterStatus.DELETED, null);

        assertThat(clusters.findByName("team-a", "x")).map(Cluster::status).contains(ClusterStatus.DELETED);
        Cluster again = clusters.create("x-2", "team-a", "x", "{}");
        assertThat(clusters.findByName("team-a", "x")).contains(again);
        assertThat(clusters.get("x-1").status()).isEqualTo(ClusterStatus.DELETED);
        assertThatThrownBy(() -> clusters.create("x-3", "team-a", "x", "{}")).isInstanceOf(ClusterAlreadyExistsException.class);
    }

    @Test
    void withdraw_shouldFail_andKeepTheRecord_onceAFlowMovedIt(FreshStore fresh) {
        ClusterStore clusters = fresh.store().clusters();
        Cluster created = clusters.create("c1", "team-a", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        clusters.moveTo(lease, created, ClusterStatus.READY, null);

        assertThatThrownBy(() -> clusters.withdraw(created)).isInstanceOf(VersionConflictException.class);
        assertThat(clusters.get("c1").status()).isEqualTo(ClusterStatus.READY);
    }

    @Test
    void get_shouldFail_whenClusterUnknown(FreshStore fresh) {
        assertThatThrownBy(() -> fresh.store().clusters().get("nope")).isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    void moveTo_shouldFollowLifecycleAndBumpVersion(FreshStore fresh) {
        ClusterStore clusters = fresh.store().clusters();
        Cluster cluster = clusters.create("c1", "team-a", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        cluster = clusters.moveTo(lease, cluster, ClusterStatus.READY, null);
        cluster = clusters.moveTo(lease, cluster, ClusterStatus.RECONCILING, "hourly");
        cluster = clusters.moveTo(lease, cluster, ClusterStatus.READY, null);
        cluster = clusters.moveTo(lease, cluster, ClusterStatus.DELETING, "requested");
        cluster = clusters.moveTo(lease, cluster, ClusterStatus.DELETED, null);

        assertThat(cluster.version()).isEqualTo(6);
        assertThat(clusters.get("c1")).isEqualTo(cluster);
    }

    @Test
    void moveTo_shouldRefuseIllegalTransition_andWriteNothing(FreshStore fresh) {
        Cluster cluster = fresh.store().clusters().create("c1", "team-a", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        assertThatThrownBy(() -> fresh.store().clusters().moveTo(lease, cluster, ClusterStatus.RECONCILING, null))
                .isInstanceOf(IllegalStatusTransitionException.class)
                .hasMessageContaining("creating").hasMessageContaining("reconciling");
        Cluster deleted = fresh.store().clusters().moveTo(lease,
                fresh.store().clusters().moveTo(lease, cluster, ClusterStatus.DELETING, null), ClusterStatus.DELETED, null);
        assertThatThrownBy(() -> fresh.store().clusters().moveTo(lease, deleted, ClusterStatus.FAILED, "late"))
                .isInstanceOf(IllegalStatusTransitionException.class);
        assertThat(fresh.store().clusters().get("c1").status()).isEqualTo(ClusterStatus.DELETED);
    }

    @Test
    void moveTo_shouldAllowFailureFromAnyLiveStatus(FreshStore fresh) {
        Cluster cluster = fresh.store().clusters().create("c1", "team-a", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        Cluster failed = fresh.store().clusters().moveTo(lease, cluster, ClusterStatus.FAILED, "quota exceeded");

        assertThat(fresh.store().clusters().get("c1").statusReason()).isEqualTo("quota exceeded");
        assertThat(failed.status()).isEqualTo(ClusterStatus.FAILED);
    }

    @Test
    void update_shouldFailWithConflict_whenWrittenFromStaleRead(FreshStore fresh) {
        Cluster read = fresh.store().clusters().create("c1", "team-a", "c1", "{\"workers\":3}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.SCALE, TTL);
        fresh.store().clusters().updateSpec(lease, read, "{\"workers\":5}");

        assertThatThrownBy(() -> fresh.store().clusters().updateSpec(lease, read, "{\"workers\":4}"))
                .isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("version 1").hasMessageContaining("version 2");
        assertThat(fresh.store().clusters().get("c1").spec()).isEqualTo("{\"workers\":5}");
    }

    @Test
    void update_shouldBeFenced_whenLeaseTakenOver(FreshStore fresh) {
        Cluster read = fresh.store().clusters().create("c1", "team-a", "c1", "{}");
        Lease stale = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.clock().advance(TTL);
        fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.DESTROY, TTL);

        assertThatThrownBy(() -> fresh.store().clusters().moveTo(stale, read, ClusterStatus.READY, null))
                .isInstanceOf(StaleFencingTokenException.class);
        assertThat(fresh.store().clusters().get("c1")).isEqualTo(read);
    }

    @Test
    void update_shouldRefuseLeaseOfAnotherCluster(FreshStore fresh) {
        Cluster read = fresh.store().clusters().create("c1", "team-a", "c1", "{}");
        fresh.store().clusters().create("c2", "team-a", "c2", "{}");
        Lease other = fresh.store().locks().acquire("c2", "exec-a", LeasePurpose.CREATE, TTL);

        assertThatThrownBy(() -> fresh.store().clusters().moveTo(other, read, ClusterStatus.READY, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'c2'").hasMessageContaining("'c1'");
    }
}
