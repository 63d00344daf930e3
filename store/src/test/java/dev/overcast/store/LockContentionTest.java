package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import dev.overcast.store.exceptions.LockHeldException;
import dev.overcast.store.exceptions.StaleFencingTokenException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real threads against DynamoDB Local; a checker proves the holders' intervals never overlap. */
@ExtendWith(DynamoDbLocalExtension.class)
class LockContentionTest {
    private static final int THREADS = 6;
    private static final int ROUNDS = 25;

    /** From just after acquire returned to just before release was sent: inside the real holding time. */
    record Holding(long token, String owner, long from, long to) {
    }

    @Test
    void contendedLock_shouldNeverHaveTwoHoldersAtOnce(FreshStore fresh) throws Exception {
        // Wall-clock time and a long lease: no lease expires here, so exclusion alone is tested.
        Store store = fresh.storeWith(fresh.client());
        Store realTime = Store.create(fresh.client(), fresh.tables(), InstantSource.system());
        realTime.clusters().create("c1", "team", "c1", "{}");
        ConcurrentLinkedQueue<Holding> holdings = new ConcurrentLinkedQueue<>();
        AtomicInteger refusals = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String owner = "exec-" + t;
            workers.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                    try {
                        Lease lease = realTime.locks().acquire("c1", owner, LeasePurpose.RECONCILE, Duration.ofMinutes(5));
                        long from = System.nanoTime();
                        realTime.inventory().put(lease, LeaseLocksTest.entry("c1", "c1-network-" + owner));
                        long to = System.nanoTime();
                        holdings.add(new Holding(lease.fencingToken(), owner, from, to));
                        realTime.locks().release(lease);
                    } catch (LockHeldException e) {
                        refusals.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        List<Holding> byStart = holdings.stream().sorted(Comparator.comparingLong(Holding::from)).toList();
        assertThat(byStart).hasSizeGreaterThan(THREADS);
        assertThat(refusals.get()).as("contention happened").isPositive();
        for (int i = 1; i < byStart.size(); i++) {
            Holding before = byStart.get(i - 1);
            Holding after = byStart.get(i);
            assertThat(after.from()).as("%s starts after %s ended", after, before).isGreaterThan(before.to());
            assertThat(after.token()).as("tokens grow with every acquisition").isGreaterThan(before.token());
        }
        assertThat(byStart.stream().map(Holding::token).distinct()).hasSize(byStart.size());
        assertThat(store.inventory().list("c1")).isNotEmpty();
    }

    @Test
    void expiredLeases_shouldBeTakenOverAndTheirHoldersFenced(FreshStore fresh) throws Exception {
        Store store = fresh.store();
        store.clusters().create("c1", "team", "c1", "{}");
        Duration ttl = Duration.ofSeconds(30);
        List<Lease> abandoned = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            abandoned.add(store.locks().acquire("c1", "exec-" + round, LeasePurpose.SCALE, ttl));
            fresh.clock().advance(ttl);
        }
        Lease current = store.locks().acquire("c1", "exec-last", LeasePurpose.SCALE, ttl);

        // Every abandoned holder wakes up at once and tries to write: all are fenced off, concurrently.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Class<?>>> outcomes = new ArrayList<>();
        for (Lease lease : abandoned) {
            outcomes.add(pool.submit(() -> {
                try {
                    store.inventory().put(lease, LeaseLocksTest.entry("c1", "c1-network-" + lease.owner()));
                    return Void.class;
                } catch (StaleFencingTokenException e) {
                    return e.getClass();
                }
            }));
        }
        pool.shutdown();
        for (Future<Class<?>> outcome : outcomes) {
            assertThat(outcome.get()).isEqualTo(StaleFencingTokenException.class);
        }
        assertThat(current.fencingToken()).isEqualTo(abandoned.get(abandoned.size() - 1).fencingToken() + 1);
        assertThat(store.inventory().list("c1")).isEmpty();
        store.inventory().put(current, LeaseLocksTest.entry("c1", "c1-network-aws"));
        assertThat(store.inventory().list("c1")).hasSize(1);
    }
}
