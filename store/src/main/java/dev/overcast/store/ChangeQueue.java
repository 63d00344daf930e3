package dev.overcast.store;

import dev.overcast.store.exceptions.ClusterNotFoundException;
import dev.overcast.store.exceptions.VersionConflictException;
import dev.overcast.store.internal.ChangeItem;
import dev.overcast.store.internal.ItemLimits;
import dev.overcast.store.internal.Transaction;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Changes requested while a cluster is locked, queued in order and drained exactly once by the next
 * lease holder.
 *
 * <p>Order: an enqueue is one transaction that advances the queue's head row from n to n+1 (on the
 * condition that it still reads n) and writes the change as n+1, so sequence numbers are handed out
 * without gaps in commit order, and a change can never appear behind one already drained.
 *
 * <p>Exactly once: draining change n is one fenced transaction that writes the cluster with the
 * change folded into its spec and {@code lastAppliedChange = n} (conditioned on the cluster's
 * version) and marks the change applied (conditioned on it being pending). The effect and the mark
 * commit together or not at all, so there is no moment between "applied" and "marked": a drain that
 * dies before the commit leaves change n pending and the next drain applies it; one that dies after
 * leaves {@code lastAppliedChange = n} and the next drain starts after it. Cloud work follows from the
 * spec by reconciliation, which is idempotent.
 */
public final class ChangeQueue {
    private static final String PENDING = "pending";
    private static final String APPLIED = "applied";
    private static final int ENQUEUE_ATTEMPTS = 20;
    private static final int DRAIN_PAGE = 25;
    private static final long RACE_BACKOFF_NANOS = 1_000_000;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ChangeItem> table;
    private final ClusterStore clusters;
    private final LeaseLocks locks;
    private final InstantSource clock;

    ChangeQueue(DynamoDbEnhancedClient enhanced, DynamoDbTable<ChangeItem> table, ClusterStore clusters,
            LeaseLocks locks, InstantSource clock) {
        this.enhanced = enhanced;
        this.table = table;
        this.clusters = clusters;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * Queues a change behind every change queued before it.
     *
     * @throws ClusterNotFoundException if the cluster does not exist
     * @throws VersionConflictException if other enqueues kept winning the race for the next number
     */
    public QueuedChange enqueue(String clusterId, ChangeKind kind, String payload) {
        ItemLimits.checkPartitionKey(table.tableName(), "clusterId", clusterId);
        for (int attempt = 0; attempt < ENQUEUE_ATTEMPTS; attempt++) {
            ChangeItem head = table.getItem(r -> r.key(key(clusterId, ChangeItem.HEAD)).consistentRead(true));
            long last = head == null ? 0 : head.getLastSeq();
            ChangeItem change = new ChangeItem();
            change.setClusterId(clusterId);
            change.setSeq(last + 1);
            change.setChangeId(UUID.randomUUID().toString());
            change.setKind(kind.name());
            change.setPayload(payload);
            change.setState(PENDING);
            change.setEnqueuedAt(clock.instant());
            ChangeItem nextHead = new ChangeItem();
            nextHead.setClusterId(clusterId);
            nextHead.setSeq(ChangeItem.HEAD);
            nextHead.setLastSeq(last + 1);

            Transaction transaction = new Transaction(enhanced, "enqueue on cluster " + clusterId);
            clusters.addExists(transaction, clusterId);
            transaction.put(table, nextHead, headStillAt(last), old -> new LostRace());
            transaction.put(table, change, absent(), old -> new LostRace());
            try {
                transaction.commit();
                return change(change);
            } catch (LostRace e) {
                // Another enqueue took number last + 1: read the head again, after a jittered pause.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(RACE_BACKOFF_NANOS << Math.min(attempt, 5)));
            }
        }
        throw new VersionConflictException("enqueue on cluster " + clusterId + " lost the race for the next sequence number "
                + ENQUEUE_ATTEMPTS + " times");
    }

    /** The cluster's changes not applied yet, in order. */
    public List<QueuedChange> pending(String clusterId) {
        ItemLimits.checkPartitionKey(table.tableName(), "clusterId", clusterId);
        return table.query(r -> r
                        .queryConditional(QueryConditional.sortGreaterThan(key(clusterId, ChangeItem.HEAD)))
                        .filterExpression(Expression.builder().expression("#state = :pending")
                                .expressionNames(Map.of("#state", "state"))
                                .expressionValues(Map.of(":pending", AttributeValue.fromS(PENDING))).build())
                        .consistentRead(true))
                .items().stream().map(ChangeQueue::change).toList();
    }

    /**
     * Applies every pending change of the lease's cluster to its spec, in order, each exactly once,
     * including changes queued while draining. Returns how many were applied.
     *
     * @throws dev.overcast.store.exceptions.StaleFencingTokenException if the lease is lost; changes
     *         committed before stay applied, the rest stay pending
     */
    public int drain(Lease lease, ChangeApplier applier) {
        int applied = 0;
        Cluster cluster = clusters.get(lease.clusterId());
        while (true) {
            long after = cluster.lastAppliedChange();
            List<ChangeItem> next = table.query(r -> r
                            .queryConditional(QueryConditional.sortGreaterThan(key(lease.clusterId(), after)))
                            .consistentRead(true)
                            .limit(DRAIN_PAGE))
                    .stream().findFirst().map(page -> page.items()).orElse(List.of());
            if (next.isEmpty()) {
                return applied;
            }
            for (ChangeItem item : next) {
                QueuedChange change = change(item);
                String spec = applier.apply(cluster.spec(), change);
                Transaction transaction = new Transaction(enhanced, "drain of change " + change.seq()
                        + " of cluster " + lease.clusterId());
                locks.guard(transaction, lease);
                Cluster updated = clusters.addWrite(transaction, lease, new Cluster(cluster.id(), cluster.tenant(), spec,
                        cluster.status(), cluster.statusReason(), cluster.version(), change.seq(), cluster.createdAt(),
                        cluster.updatedAt(), cluster.name(), cluster.pins()));
                ChangeItem mark = new ChangeItem();
                mark.setClusterId(item.getClusterId());
                mark.setSeq(item.getSeq());
                mark.setState(APPLIED);
                mark.setAppliedAt(clock.instant());
                mark.setAppliedUnderToken(lease.fencingToken());
                transaction.update(table, mark, stillPending(), old -> new VersionConflictException("change "
                        + change.seq() + " of cluster " + change.clusterId() + " was applied by someone else"));
                transaction.commit();
                cluster = updated;
                applied++;
            }
        }
    }

    private static Expression headStillAt(long last) {
        if (last == 0) {
            return absent();
        }
        return Expression.builder().expression("#lastSeq = :last")
                .expressionNames(Map.of("#lastSeq", "lastSeq"))
                .expressionValues(Map.of(":last", AttributeValue.fromN(Long.toString(last)))).build();
    }

    private static Expression absent() {
        return Expression.builder().expression("attribute_not_exists(#seq)").expressionNames(Map.of("#seq", "seq")).build();
    }

    private static Expression stillPending() {
        return Expression.builder().expression("#state = :pending")
                .expressionNames(Map.of("#state", "state"))
                .expressionValues(Map.of(":pending", AttributeValue.fromS(PENDING))).build();
    }

    private static Key key(String clusterId, long seq) {
        return Key.builder().partitionValue(clusterId).sortValue(seq).build();
    }

    private static QueuedChange change(ChangeItem item) {
        return new QueuedChange(item.getClusterId(), item.getSeq(), item.getChangeId(), ChangeKind.valueOf(item.getKind()),
                item.getPayload(), APPLIED.equals(item.getState()), item.getEnqueuedAt());
    }

    /** Signals inside {@link #enqueue} that a concurrent enqueue took the number first. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }
}
