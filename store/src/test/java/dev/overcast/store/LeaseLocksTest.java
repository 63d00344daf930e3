package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import dev.overcast.store.exceptions.InvalidKeyException;
import dev.overcast.store.exceptions.LockHeldException;
import dev.overcast.store.exceptions.NotLockOwnerException;
import dev.overcast.store.exceptions.StaleFencingTokenException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class LeaseLocksTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void acquire_shouldGrantLease_whenClusterIsFree(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        assertThat(lease.owner()).isEqualTo("exec-a");
        assertThat(lease.fencingToken()).isEqualTo(1);
        assertThat(lease.expiresAt()).isEqualTo(fresh.clock().instant().plus(TTL));
        assertThat(fresh.store().locks().current("c1")).contains(lease);
    }

    @Test
    void acquire_shouldFail_whenLeaseHeldByAnotherOwner(FreshStore fresh) {
        fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        assertThatThrownBy(() -> fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.SCALE, TTL))
                .isInstanceOf(LockHeldException.class)
                .hasMessageContaining("exec-a").hasMessageContaining("create");
    }

    @Test
    void acquire_shouldTakeOverWithHigherToken_whenLeaseExpired(FreshStore fresh) {
        Lease first = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.clock().advance(TTL);

        Lease second = fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.RECONCILE, TTL);

        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        assertThat(fresh.store().locks().current("c1")).contains(second);
    }

    @Test
    void acquire_shouldNotTakeOver_justBeforeExpiry(FreshStore fresh) {
        fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.clock().advance(TTL.minusMillis(1));

        assertThatThrownBy(() -> fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.SCALE, TTL))
                .isInstanceOf(LockHeldException.class);
    }

    @Test
    void acquire_shouldSucceedAgainWithNewToken_whenSameOwnerRetries(FreshStore fresh) {
        Lease first = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        Lease retried = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        assertThat(retried.fencingToken()).isEqualTo(first.fencingToken() + 1);
    }

    @Test
    void renew_shouldExtendExpiry_whenCalledByOwner(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.clock().advance(Duration.ofMinutes(4));

        Lease renewed = fresh.store().locks().renew(lease, TTL);

        assertThat(renewed.expiresAt()).isEqualTo(fresh.clock().instant().plus(TTL));
        assertThat(renewed.fencingToken()).isEqualTo(lease.fencingToken());
        fresh.clock().advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.SCALE, TTL))
                .isInstanceOf(LockHeldException.class);
    }

    @Test
    void renew_shouldFail_whenCalledByNonOwner(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        Lease impostor = new Lease("c1", "exec-b", LeasePurpose.CREATE, lease.fencingToken(), lease.expiresAt());

        assertThatThrownBy(() -> fresh.store().locks().renew(impostor, TTL))
                .isInstanceOf(NotLockOwnerException.class)
                .hasMessageContaining("held by exec-a");
    }

    @Test
    void renew_shouldFail_afterTakeover(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.clock().advance(TTL.plusSeconds(1));
        fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.RECONCILE, TTL);

        assertThatThrownBy(() -> fresh.store().locks().renew(lease, TTL)).isInstanceOf(NotLockOwnerException.class);
    }

    @Test
    void release_shouldFail_whenCalledByNonOwner(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        Lease impostor = new Lease("c1", "exec-b", LeasePurpose.CREATE, lease.fencingToken(), lease.expiresAt());

        assertThatThrownBy(() -> fresh.store().locks().release(impostor)).isInstanceOf(NotLockOwnerException.class);
        assertThat(fresh.store().locks().current("c1")).contains(lease);
    }

    @Test
    void release_shouldFreeLockAndBeIdempotentForOwner(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);

        fresh.store().locks().release(lease);
        fresh.store().locks().release(lease);

        assertThat(fresh.store().locks().current("c1")).isEmpty();
        Lease next = fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.SCALE, TTL);
        assertThat(next.fencingToken()).isEqualTo(lease.fencingToken() + 1);
    }

    @Test
    void release_shouldFail_whenAnotherOwnerAcquiredSince(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.store().locks().release(lease);
        fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.SCALE, TTL);

        assertThatThrownBy(() -> fresh.store().locks().release(lease)).isInstanceOf(NotLockOwnerException.class);
    }

    @Test
    void guardedWrite_shouldBeRejected_whenHolderWasTakenOver(FreshStore fresh) {
        Lease stale = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.clock().advance(TTL);
        Lease current = fresh.store().locks().acquire("c1", "exec-b", LeasePurpose.RECONCILE, TTL);

        assertThatThrownBy(() -> fresh.store().inventory().put(stale, entry("c1", "c1-network-aws")))
                .isInstanceOf(StaleFencingTokenException.class)
                .hasMessageContaining("now at token " + current.fencingToken())
                .hasMessageContaining("exec-b");
        assertThat(fresh.store().inventory().list("c1")).isEmpty();

        fresh.store().inventory().put(current, InventoryEntry.observed("c1", new Observation("c1-network-aws",
                ResourceKind.NETWORK, Cloud.AWS, "eu-west-1", "vpc-123", ResourceState.READY,
                new TreeMap<>(Map.of("cidr", "10.0.0.0/16")), Map.of()), fresh.clock().instant(), null));
        assertThat(fresh.store().inventory().find("c1", "c1-network-aws")).get()
                .extracting(InventoryEntry::cloudId, InventoryEntry::state, InventoryEntry::observedAt)
                .containsExactly("vpc-123", ResourceState.READY, fresh.clock().instant());
    }

    @Test
    void guardedWrite_shouldBeRejected_whenLeaseExpiredEvenIfNobodyTookOver(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.clock().advance(TTL);

        assertThatThrownBy(() -> fresh.store().inventory().put(lease, entry("c1", "c1-network-aws")))
                .isInstanceOf(StaleFencingTokenException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void guardedWrite_shouldBeRejected_afterRelease(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, TTL);
        fresh.store().locks().release(lease);

        assertThatThrownBy(() -> fresh.store().inventory().put(lease, entry("c1", "c1-network-aws")))
                .isInstanceOf(StaleFencingTokenException.class)
                .hasMessageContaining("released");
    }

    @Test
    void acquire_shouldRefuseBlankClusterId(FreshStore fresh) {
        assertThatThrownBy(() -> fresh.store().locks().acquire("", "exec-a", LeasePurpose.CREATE, TTL))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("clusterId");
    }

    static InventoryEntry entry(String cluster, String name) {
        return new InventoryEntry(cluster, name, ResourceKind.NETWORK, Cloud.AWS, "eu-west-1", "vpc-123",
                ResourceState.READY, Map.of("cidr", "10.0.0.0/16"), null);
    }
}
