package dev.overcast.core.cluster;

import dev.overcast.core.Cloud;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * When the hourly reconcile visits each cluster and how many of one account's clusters it visits at
 * once.
 *
 * <p><b>Spread.</b> Each cluster starts at a fixed offset into the run's window, derived from its id
 * alone (CRC-32), so the load is flat and every cluster is visited at the same minute each hour.
 *
 * <p><b>Concurrency per account.</b> A healthy cluster's reconcile reads each of its clouds about ten
 * times (aws 10, gcp 11, azure 9: {@code ./overcast bench reconcile-calls}) and, at published API
 * latencies, lasts at least {@link #MIN_RECONCILE_SECONDS} seconds. The reconcile may use half of each
 * account's sustained read rate, leaving the other half to the creates, scales and destroys that run in
 * the same account: EC2 refills its non-mutating bucket at 20 requests per second per account and
 * Region (Amazon EC2 API reference, "Request throttling"), Compute Engine allows about 1,500 reads per
 * minute per project (Compute Engine, "API rate limits"), ARM refills a subscription's read bucket at 25
 * per second (Azure Resource Manager, "Understand how Azure Resource Manager throttles requests"). The
 * account's concurrency is the smallest over the clouds its clusters use, and at least one.
 */
public final class ReconcileSchedule {
    /** A healthy reconcile's shortest duration: a dozen state transitions and ~10 reads at their p50s. */
    public static final int MIN_RECONCILE_SECONDS = 2;
    private static final Map<Cloud, Double> SUSTAINED_READS_PER_SECOND = Map.of(
            Cloud.AWS, 20.0, Cloud.GCP, 25.0, Cloud.AZURE, 25.0);
    private static final Map<Cloud, Integer> READS_PER_RECONCILE = Map.of(
            Cloud.AWS, 10, Cloud.GCP, 11, Cloud.AZURE, 9);
    private static final double SHARE_OF_RATE = 0.5;

    private ReconcileSchedule() {
    }

    /** How many of an account's clusters are reconciled at once, given the clouds they use. */
    public static int concurrency(Collection<Cloud> clouds) {
        int concurrency = Integer.MAX_VALUE;
        for (Cloud cloud : clouds.isEmpty() ? java.util.EnumSet.allOf(Cloud.class) : clouds) {
            double reconcilesPerSecond = SHARE_OF_RATE * SUSTAINED_READS_PER_SECOND.get(cloud) / READS_PER_RECONCILE.get(cloud);
            concurrency = Math.min(concurrency, (int) Math.floor(reconcilesPerSecond * MIN_RECONCILE_SECONDS));
        }
        return Math.max(1, concurrency);
    }

    /** When a cluster's reconcile starts in the run that begins at {@code runStart} and spreads over {@code spreadSeconds}. */
    public static Instant start(String clusterId, Instant runStart, int spreadSeconds) {
        if (spreadSeconds < 1) {
            return runStart;
        }
        CRC32 crc = new CRC32();
        crc.update(clusterId.getBytes(StandardCharsets.UTF_8));
        return runStart.plusSeconds(crc.getValue() % spreadSeconds);
    }
}
