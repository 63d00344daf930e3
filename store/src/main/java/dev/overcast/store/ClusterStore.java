package dev.overcast.store;

import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.store.exceptions.ClusterAlreadyExistsException;
import dev.overcast.store.exceptions.ClusterNotFoundException;
import dev.overcast.store.exceptions.IllegalStatusTransitionException;
import dev.overcast.store.exceptions.VersionConflictException;
import dev.overcast.store.internal.ClusterItem;
import dev.overcast.store.internal.ItemLimits;
import dev.overcast.store.internal.NameClaimItem;
import dev.overcast.store.internal.Transaction;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The clusters table. A cluster is created free-standing; every later write is made under the
 * cluster's {@link Lease} and is optimistic: it names the version it read and fails with
 * {@link VersionConflictException} if the row moved on. Status changes follow
 * {@link ClusterStatus#canMoveTo}.
 *
 * <p>A cluster's name is unique within its tenant, not its id: the row is keyed by an internal id
 * ({@code ClusterIds}) and the name is held by a {@link NameClaimItem} in the same table, written in the
 * same transaction as the row. Deleting the cluster releases the claim, so the tenant can create the
 * name again (under a new id) while the deleted cluster stays readable by its name until then.
 */
public final class ClusterStore {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ClusterItem> table;
    private final DynamoDbTable<NameClaimItem> claims;
    private final LeaseLocks locks;
    private final InstantSource clock;
    /** Cluster rows, not name claims: only rows have a status. */
    private static final Expression CLUSTER_ROWS = Expression.builder().expression("attribute_exists(#status)")
            .expressionNames(Map.of("#status", "status")).build();

    ClusterStore(DynamoDbEnhancedClient enhanced, DynamoDbTable<ClusterItem> table, LeaseLocks locks, InstantSource clock) {
        this.enhanced = enhanced;
        this.table = table;
        this.claims = enhanced.table(table.tableName(), TableSchema.fromBean(NameClaimItem.class));
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * Records a new cluster in status {@link ClusterStatus#CREATING} at version 1, claiming its name in
     * its tenant: one conditional transaction, so of simultaneous creates of one name in one tenant
     * exactly one succeeds, whatever their ids.
     *
     * @throws ClusterAlreadyExistsException if the tenant has a live cluster of that name, or the id is taken
     */
    public Cluster create(String clusterId, String tenant, String name, String spec) {
        return create(clusterId, tenant, name, spec, null);
    }

    /**
     * Records a new cluster with the planner's decisions for it; same claim and failures as
     * {@link #create(String, String, String, String)}.
     *
     * @param pins what the planner decided (JSON the store does not interpret)
     */
    public Cluster create(String clusterId, String tenant, String name, String spec, String pins) {
        Instant now = clock.instant();
        ClusterItem item = new ClusterItem();
        item.setClusterId(clusterId);
        item.setTenant(tenant);
        item.setName(name);
        item.setSpec(spec);
        item.setPins(pins);
        item.setStatus(ClusterStatus.CREATING.name());
        item.setLastAppliedChange(0L);
        item.setCreatedAt(now);
        item.setUpdatedAt(now);
        ItemLimits.check(table.tableName(), table.tableSchema(), item);
        ItemLimits.checkPartitionKey(table.tableName(), "name", name);
        NameClaimItem claim = new NameClaimItem();
        claim.setKey(NameClaimItem.key(tenant, name));
        claim.setClaimedBy(clusterId);
        claim.setReleased(false);
        Expression unclaimed = Expression.builder().expression("attribute_not_exists(#key) OR #released = :released")
                .expressionNames(Map.of("#key", "clusterId", "#released", "released"))
                .expressionValues(Map.of(":released", AttributeValue.fromBool(true)))
                .build();
        Transaction transaction = new Transaction(enhanced, "create of cluster " + clusterId);
        transaction.put(claims, claim, unclaimed,
                old -> new ClusterAlreadyExistsException("a cluster named '" + name + "' exists already"));
        // The versioned-record extension adds attribute_not_exists(version) and writes version 1.
        transaction.put(table, item, null, old -> new ClusterAlreadyExistsException("cluster id " + clusterId + " is taken"));
        transaction.commit();
        item.setVersion(1L);
        return cluster(item);
    }

    /**
     * The tenant's cluster of that name: the live one, or the last deleted one while no create has
     * taken the name over.
     */
    public Optional<Cluster> findByName(String tenant, String name) {
        String claimKey = NameClaimItem.key(tenant, name);
        ItemLimits.checkPartitionKey(table.tableName(), "clusterId", claimKey);
        return Optional.ofNullable(claims.getItem(r -> r.key(key(claimKey)).consistentRead(true)))
                .flatMap(claim -> find(claim.getClaimedBy()))
                .filter(cluster -> cluster.tenant().equals(tenant));
    }

    /**
     * Takes back a cluster {@link #create} just recorded, when its admission refused it after the record
     * (the record comes first so that of simultaneous creates of one name only one is admitted at all).
     * Only the untouched row goes: a flow that already moved it keeps it.
     *
     * @throws VersionConflictException if the row moved on since it was created
     */
    public void withdraw(Cluster created) {
        Expression untouched = Expression.builder().expression("#version = :created")
                .expressionNames(Map.of("#version", "version"))
                .expressionValues(Map.of(":created", AttributeValue.fromN(Long.toString(created.version()))))
                .build();
        Transaction transaction = new Transaction(enhanced, "withdrawal of cluster " + created.id());
        transaction.delete(table, key(created.id()), untouched,
                old -> new VersionConflictException("cluster " + created.id() + " moved on since it was created"));
        transaction.delete(claims, key(NameClaimItem.key(created.tenant(), created.name())), claimedBy(created.id()), null);
        transaction.commit();
    }

    public Optional<Cluster> find(String clusterId) {
        ItemLimits.checkPartitionKey(table.tableName(), "clusterId", clusterId);
        // A name claim's key is never a cluster's: only rows have a status.
        return Optional.ofNullable(table.getItem(r -> r.key(key(clusterId)).consistentRead(true)))
                .filter(item -> item.getStatus() != null).map(ClusterStore::cluster);
    }

    /** @throws ClusterNotFoundException if there is no such cluster */
    public Cluster get(String clusterId) {
        return find(clusterId).orElseThrow(() -> new ClusterNotFoundException("no cluster " + clusterId));
    }

    /** Every cluster, for the hourly reconcile. */
    public List<Cluster> list() {
        return table.scan(r -> r.consistentRead(true).filterExpression(CLUSTER_ROWS)).items().stream().map(ClusterStore::cluster).toList();
    }

    /** One page of a listing and where the next one starts (null after the last page). */
    public record Page<T>(List<T> items, String next) {
    }

    /**
     * One page of a tenant's clusters in id order, starting after {@code afterClusterId} (null: from the
     * start), at most {@code limit} of them: a DynamoDB Query on the tenant index, so no listing ever
     * holds every cluster of a service.
     */
    public Page<Cluster> pageByTenant(String tenant, String afterClusterId, int limit) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(tenant).build()))
                .limit(limit);
        if (afterClusterId != null) {
            query.exclusiveStartKey(Map.of("tenant", AttributeValue.fromS(tenant), "clusterId", AttributeValue.fromS(afterClusterId)));
        }
        var page = table.index(ClusterItem.BY_TENANT).query(query.build()).iterator().next();
        List<Cluster> items = page.items().stream().map(ClusterStore::cluster).toList();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        return new Page<>(items, last == null || last.isEmpty() ? null : last.get("clusterId").s());
    }

    /**
     * One page of the table's rows seen by tenant: each row's tenant and its spec, in the table's scan
     * order, starting after {@code afterClusterId}; at most {@code limit} rows (DynamoDB's own page
     * limit, 1 MB, may cut it shorter; so may the name claims read among them, which are left out).
     */
    public Page<Cluster> scanPage(String afterClusterId, int limit) {
        ScanEnhancedRequest.Builder scan = ScanEnhancedRequest.builder().consistentRead(true).limit(limit).filterExpression(CLUSTER_ROWS);
        if (afterClusterId != null) {
            scan.exclusiveStartKey(Map.of("clusterId", AttributeValue.fromS(afterClusterId)));
        }
        var page = table.scan(scan.build()).iterator().next();
        List<Cluster> items = page.items().stream().map(ClusterStore::cluster).toList();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        return new Page<>(items, last == null || last.isEmpty() ? null : last.get("clusterId").s());
    }

    public List<Cluster> listByTenant(String tenant) {
        return table.index(ClusterItem.BY_TENANT)
                .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(tenant).build()))
                .stream().flatMap(page -> page.items().stream()).map(ClusterStore::cluster).toList();
    }

    /**
     * Moves {@code current} to {@code next}, recording {@code reason}.
     *
     * @throws IllegalStatusTransitionException if the lifecycle forbids it
     * @throws VersionConflictException         if the cluster changed since {@code current} was read
     * @throws dev.overcast.store.exceptions.StaleFencingTokenException if {@code lease} is no longer in force
     */
    public Cluster moveTo(Lease lease, Cluster current, ClusterStatus next, String reason) {
        if (!current.status().canMoveTo(next)) {
            throw new IllegalStatusTransitionException("cluster " + current.id() + " cannot move from "
                    + current.status().id() + " to " + next.id() + "; allowed: " + current.status().successors());
        }
        Cluster moved = new Cluster(current.id(), current.tenant(), current.spec(), next, reason,
                current.version(), current.lastAppliedChange(), current.createdAt(), current.updatedAt(), current.name(), current.pins());
        if (next != ClusterStatus.DELETED || current.name() == null) {
            return write(lease, moved);
        }
        // Deleted: the name is the tenant's again, in the same transaction (a claim another create took
        // over meanwhile is not this cluster's to release).
        Transaction transaction = new Transaction(enhanced, "deletion of cluster " + current.id());
        locks.guard(transaction, lease);
        Cluster written = addWrite(transaction, lease, moved);
        NameClaimItem released = new NameClaimItem();
        released.setKey(NameClaimItem.key(current.tenant(), current.name()));
        released.setClaimedBy(current.id());
        released.setReleased(true);
        Expression ownOrNone = Expression.builder().expression("attribute_not_exists(#key) OR #claimedBy = :id")
                .expressionNames(Map.of("#key", "clusterId", "#claimedBy", "claimedBy"))
                .expressionValues(Map.of(":id", AttributeValue.fromS(current.id())))
                .build();
        transaction.put(claims, released, ownOrNone,
                old -> new VersionConflictException("the name of cluster " + current.id() + " was taken over before its deletion"));
        transaction.commit();
        return written;
    }

    /** Replaces the spec of {@code current}; same failures as {@link #moveTo}. */
    public Cluster updateSpec(Lease lease, Cluster current, String spec) {
        return write(lease, new Cluster(current.id(), current.tenant(), spec, current.status(), current.statusReason(),
                current.version(), current.lastAppliedChange(), current.createdAt(), current.updatedAt(), current.name(),
                current.pins()));
    }

    /**
     * Records the pins of a cluster recorded before pins existed (late initialisation); same failures as
     * {@link #moveTo}.
     */
    public Cluster pin(Lease lease, Cluster current, String pins) {
        return write(lease, new Cluster(current.id(), current.tenant(), current.spec(), current.status(), current.statusReason(),
                current.version(), current.lastAppliedChange(), current.createdAt(), current.updatedAt(), current.name(), pins));
    }

    private Cluster write(Lease lease, Cluster changed) {
        Transaction transaction = new Transaction(enhanced, "update of cluster " + changed.id());
        locks.guard(transaction, lease);
        Cluster written = addWrite(transaction, lease, changed);
        transaction.commit();
        return written;
    }

    /**
     * Adds to {@code transaction} the versioned put of {@code changed} (whose version is the one it was
     * read at) and returns the cluster as it will stand once committed.
     */
    Cluster addWrite(Transaction transaction, Lease lease, Cluster changed) {
        lease.requireCluster(changed.id());
        ClusterItem item = item(changed);
        item.setUpdatedAt(clock.instant());
        // The versioned-record extension conditions the put on version = changed.version() and increments it.
        // The transaction maps the item only when it is committed: leave it untouched from here on.
        transaction.put(table, item, attributeExists(), old -> conflict(changed, old));
        Cluster written = cluster(item);
        return new Cluster(written.id(), written.tenant(), written.spec(), written.status(), written.statusReason(),
                written.version() + 1, written.lastAppliedChange(), written.createdAt(), written.updatedAt(), written.name(),
                written.pins());
    }

    /** Adds to {@code transaction} the condition that the cluster exists. */
    void addExists(Transaction transaction, String clusterId) {
        transaction.check(table, key(clusterId), attributeExists(),
                old -> new ClusterNotFoundException("no cluster " + clusterId));
    }

    private static Expression claimedBy(String clusterId) {
        return Expression.builder().expression("#claimedBy = :id")
                .expressionNames(Map.of("#claimedBy", "claimedBy"))
                .expressionValues(Map.of(":id", AttributeValue.fromS(clusterId)))
                .build();
    }

    private static Expression attributeExists() {
        return Expression.builder().expression("attribute_exists(#id)").expressionNames(Map.of("#id", "clusterId")).build();
    }

    private static RuntimeException conflict(Cluster expected, Map<String, AttributeValue> old) {
        if (old == null || old.isEmpty()) {
            return new ClusterNotFoundException("cluster " + expected.id() + " no longer exists");
        }
        return new VersionConflictException("cluster " + expected.id() + " changed since it was read at version "
                + expected.version() + "; it is now at version " + old.get("version").n() + ": read it again");
    }

    private static Key key(String clusterId) {
        return Key.builder().partitionValue(clusterId).build();
    }

    private static ClusterItem item(Cluster cluster) {
        ClusterItem item = new ClusterItem();
        item.setClusterId(cluster.id());
        item.setTenant(cluster.tenant());
        item.setSpec(cluster.spec());
        item.setStatus(cluster.status().name());
        item.setStatusReason(cluster.statusReason());
        item.setVersion(cluster.version());
        item.setLastAppliedChange(cluster.lastAppliedChange());
        item.setCreatedAt(cluster.createdAt());
        item.setUpdatedAt(cluster.updatedAt());
        item.setName(cluster.name());
        item.setPins(cluster.pins());
        return item;
    }

    static Cluster cluster(ClusterItem item) {
        return new Cluster(item.getClusterId(), item.getTenant(), item.getSpec(),
                ClusterStatus.valueOf(item.getStatus().toUpperCase(Locale.ROOT)), item.getStatusReason(),
                item.getVersion(), item.getLastAppliedChange() == null ? 0 : item.getLastAppliedChange(),
                item.getCreatedAt(), item.getUpdatedAt(), item.getName(), item.getPins());
    }
}
