package dev.overcast.runtime.bench;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.dynamodb.local.LocalDynamoDb;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.Store;
import dev.overcast.store.Tables;
import dev.overcast.store.exceptions.LockHeldException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code overcast bench store}: lease acquire/release and fenced writes against DynamoDB Local in
 * this JVM, over HTTP through the real SDK client, as the store runs in the local world.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Lease acquire/release (alone and contended) and fenced writes against DynamoDB Local.")
public final class StoreBench implements Callable<Integer> {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final String CLUSTER = "bench-cluster";

    @Option(names = "--ops", defaultValue = "2000", description = "Measured operations per scenario (default ${DEFAULT-VALUE}).")
    int ops;

    @Option(names = "--threads", defaultValue = "4", description = "Threads contending for one lease (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "500", description = "Unmeasured operations first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(); DynamoDbClient client = dynamoDb.client()) {
            Tables tables = new Tables("bench-");
            tables.createAll(client);
            Store store = Store.create(client, tables, InstantSource.system());
            store.clusters().create(CLUSTER, "bench", CLUSTER, "{}");
            BenchReport report = new BenchReport("store")
                    .put("dynamoDb", "DynamoDB Local 3.3.1 in-process, HTTP on 127.0.0.1")
                    .put("ops", ops)
                    .put("threads", threads);

            cycles(store, warmup);
            guardedWrites(store, warmup);

            Histogram acquire = histogram();
            Histogram release = histogram();
            Histogram cycle = histogram();
            long start = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                long t0 = System.nanoTime();
                Lease lease = store.locks().acquire(CLUSTER, "bench", LeasePurpose.RECONCILE, LEASE);
                long t1 = System.nanoTime();
                store.locks().release(lease);
                long t2 = System.nanoTime();
                acquire.recordValue(t1 - t0);
                release.recordValue(t2 - t1);
                cycle.recordValue(t2 - t0);
            }
            double single = seconds(start);
            // Throughput of acquire and release alone is their count over the time spent in them.
            report.putLatencies("acquire", acquire, acquire.getTotalCount() * acquire.getMean() / 1e9);
            report.putLatencies("release", release, release.getTotalCount() * release.getMean() / 1e9);
            report.putLatencies("cycle", cycle, single);

            Contended contended = contended(store);
            report.putLatencies("contendedAttempt", contended.attempts, contended.seconds);
            report.putLatencies("contendedCycle", contended.cycles, contended.seconds);
            report.put("contendedRefusals", contended.refusals);

            Measured writes = guardedWrites(store, ops);
            report.putLatencies("guardedWrite", writes.latencies, writes.seconds);
            report.publish(System.out);
        }
        return 0;
    }

    private record Measured(Histogram latencies, double seconds) {
    }

    private void cycles(Store store, int count) {
        for (int i = 0; i < count; i++) {
            store.locks().release(store.locks().acquire(CLUSTER, "bench", LeasePurpose.RECONCILE, LEASE));
        }
    }

    /** Fenced inventory puts under one held lease: the cost of a write made under the lock. */
    private Measured guardedWrites(Store store, int count) {
        Lease lease = store.locks().acquire(CLUSTER, "bench-writer", LeasePurpose.RECONCILE, LEASE);
        Histogram latencies = histogram();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            InventoryEntry entry = new InventoryEntry(CLUSTER, CLUSTER + "-subnet-" + (i % 64), ResourceKind.SUBNET,
                    Cloud.AWS, "eu-west-1", "subnet-" + i, ResourceState.READY, Map.of("cidr", "10.0.0.0/24"), null);
            long t0 = System.nanoTime();
            store.inventory().put(lease, entry);
            latencies.recordValue(System.nanoTime() - t0);
        }
        double elapsed = seconds(start);
        store.locks().release(lease);
        return new Measured(latencies, elapsed);
    }

    private record Contended(Histogram attempts, Histogram cycles, long refusals, double seconds) {
    }

    /** {@code threads} threads race for one cluster's lease until {@code ops} cycles completed between them. */
    private Contended contended(Store store) throws Exception {
        AtomicLong remaining = new AtomicLong(ops);
        AtomicLong refusals = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Histogram[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            String owner = "bench-" + t;
            results.add(pool.submit(() -> {
                Histogram attempts = histogram();
                Histogram cycles = histogram();
                while (remaining.get() > 0) {
                    long t0 = System.nanoTime();
                    try {
                        Lease lease = store.locks().acquire(CLUSTER, owner, LeasePurpose.SCALE, LEASE);
                        attempts.recordValue(System.nanoTime() - t0);
                        store.locks().release(lease);
                        cycles.recordValue(System.nanoTime() - t0);
                        remaining.decrementAndGet();
                    } catch (LockHeldException e) {
                        attempts.recordValue(System.nanoTime() - t0);
                        refusals.incrementAndGet();
                    }
                }
                return new Histogram[] {attempts, cycles};
            }));
        }
        Histogram attempts = histogram();
        Histogram cycles = histogram();
        for (Future<Histogram[]> result : results) {
            attempts.add(result.get()[0]);
            cycles.add(result.get()[1]);
        }
        double elapsed = seconds(start);
        pool.shutdown();
        return new Contended(attempts, cycles, refusals.get(), elapsed);
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
