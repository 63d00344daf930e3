package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import dev.overcast.store.exceptions.ClusterNotFoundException;
import dev.overcast.store.exceptions.StaleFencingTokenException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

@ExtendWith(DynamoDbLocalExtension.class)
class ChangeQueueTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    /** Appends the payload: the final spec lists every application, so a duplicate or a reordering shows. */
    private static final ChangeApplier APPEND = (spec, change) -> spec + "|" + change.payload();

    @Test
    void drain_shouldApplyChangesQueuedDuringLockOnceInOrder(FreshStore fresh) {
        Store store = fresh.store();
        store.clusters().create("c1", "team", "c1", "spec");
        Lease creating = store.locks().acquire("c1", "exec-create", LeasePurpose.CREATE, TTL);
        for (int i = 1; i <= 5; i++) {
            QueuedChange queued = store.changes().enqueue("c1", ChangeKind.SCALE_WORKERS, "w" + i);
            assertThat(queued.seq()).isEqualTo(i);
        }
        store.locks().release(creating);
        Lease next = store.locks().acquire("c1", "exec-scale", LeasePurpose.SCALE, TTL);

        assertThat(store.changes().drain(next, APPEND)).isEqualTo(5);
        assertThat(store.changes().drain(next, APPEND)).isZero();

        Cluster cluster = store.clusters().get("c1");
        assertThat(cluster.spec()).isEqualTo("spec|w1|w2|w3|w4|w5");
        assertThat(cluster.lastAppliedChange()).isEqualTo(5);
        assertThat(store.changes().pending("c1")).isEmpty();
    }

    @Test
    void drain_shouldApplyEveryChangeExactlyOnce_whenApplierCrashesMidway(FreshStore fresh) {
        Store store = fresh.store();
        store.clusters().create("c1", "team", "c1", "spec");
        IntStream.rangeClosed(1, 6).forEach(i -> store.changes().enqueue("c1", ChangeKind.EDIT_SPEC, "e" + i));
        Lease lease = store.locks().acquire("c1", "exec-a", LeasePurpose.RECONCILE, TTL);
        ChangeApplier crashesOnFourth = (spec, change) -> {
            if (change.seq() == 4) {
                throw new IllegalStateException("Lambda killed");
            }
            return APPEND.apply(spec, change);
        };

        assertThatThrownBy(() -> store.changes().drain(lease, crashesOnFourth)).hasMessage("Lambda killed");
        assertThat(store.changes().pending("c1")).extracting(QueuedChange::seq).containsExactly(4L, 5L, 6L);

        assertThat(store.changes().drain(lease, APPEND)).isEqualTo(3);
        assertThat(store.clusters().get("c1").spec()).isEqualTo("spec|e1|e2|e3|e4|e5|e6");
    }

    @Test
    void drain_shouldApplyEveryChangeExactlyOnce_whenCrashFollowsCommit(FreshStore fresh) {
        Store store = fresh.store();
        store.clusters().create("c1", "team", "c1", "spec");
        IntStream.rangeClosed(1, 6).forEach(i -> store.changes().enqueue("c1", ChangeKind.EDIT_SPEC, "e" + i));
        // The third drain transaction commits in DynamoDB, then the process dies before learning it did.
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbClient dying = fresh.dynamoDb().clientBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest && transactions.incrementAndGet() == 3) {
                            throw new IllegalStateException("Lambda killed after commit");
                        }
                    }
                }))
                .build();
        Store crashing = fresh.storeWith(dying);
        Lease lease = crashing.locks().acquire("c1", "exec-a", LeasePurpose.RECONCILE, TTL);

        assertThatThrownBy(() -> crashing.changes().drain(lease, APPEND)).hasMessageContaining("Lambda killed after commit");
        assertThat(store.changes().pending("c1")).extracting(QueuedChange::seq).containsExactly(4L, 5L, 6L);

        Lease retried = store.locks().acquire("c1", "exec-a", LeasePurpose.RECONCILE, TTL);
        assertThat(store.changes().drain(retried, APPEND)).isEqualTo(3);
        assertThat(store.clusters().get("c1").spec()).isEqualTo("spec|e1|e2|e3|e4|e5|e6");
    }

    @Test
    void drain_shouldStop_whenLeaseLostMidway(FreshStore fresh) {
        Store store = fresh.store();
        store.clusters().create("c1", "team", "c1", "spec");
        IntStream.rangeClosed(1, 4).forEach(i -> store.changes().enqueue("c1", ChangeKind.EDIT_SPEC, "e" + i));
        Lease lease = store.locks().acquire("c1", "exec-a", LeasePurpose.RECONCILE, TTL);
        ChangeApplier slow = (spec, change) -> {
            if (change.seq() == 3) {
                fresh.clock().advance(TTL);
                store.locks().acquire("c1", "exec-b", LeasePurpose.RECONCILE, TTL);
            }
            return APPEND.apply(spec, change);
        };

        assertThatThrownBy(() -> store.changes().drain(lease, slow)).isInstanceOf(StaleFencingTokenException.class);

        assertThat(store.clusters().get("c1").spec()).isEqualTo("spec|e1|e2");
        assertThat(store.changes().pending("c1")).extracting(QueuedChange::seq).containsExactly(3L, 4L);
    }

    @Test
    void enqueue_shouldNumberConcurrentChangesWithoutGapsOrDuplicates(FreshStore fresh) throws Exception {
        Store store = fresh.store();
        store.clusters().create("c1", "team", "c1", "spec");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<QueuedChange>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String payload = "p" + i;
            futures.add(pool.submit(() -> store.changes().enqueue("c1", ChangeKind.EDIT_SPEC, payload)));
        }
        List<Long> seqs = new ArrayList<>();
        for (Future<QueuedChange> future : futures) {
            seqs.add(future.get().seq());
        }
        pool.shutdown();

        assertThat(seqs).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 12).mapToObj(i -> (long) i).toList());
        assertThat(store.changes().pending("c1")).extracting(QueuedChange::seq).isSorted().hasSize(12);
    }

    @Test
    void enqueue_shouldFail_whenClusterUnknown(FreshStore fresh) {
        assertThatThrownBy(() -> fresh.store().changes().enqueue("ghost", ChangeKind.SCALE_WORKERS, "w3"))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThat(fresh.store().changes().pending("ghost")).isEmpty();
    }
}
