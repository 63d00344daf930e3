package dev.overcast.store;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.converge.History;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.internal.InventoryItem;
import dev.overcast.store.internal.ItemLimits;
import dev.overcast.store.internal.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * The inventory table: one row per cloud resource of a cluster, written only under the cluster's
 * lease. Rows are upserts keyed by the resource's deterministic name, so writing one twice is harmless.
 */
public final class InventoryStore {
    /** One transaction action is the fence, the rest are rows. */
    static final int ROWS_PER_TRANSACTION = Transaction.MAX_ACTIONS - 1;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<InventoryItem> table;
    private final LeaseLocks locks;

    InventoryStore(DynamoDbEnhancedClient enhanced, DynamoDbTable<InventoryItem> table, LeaseLocks locks) {
        this.enhanced = enhanced;
        this.table = table;
        this.locks = locks;
    }

    /** Records one resource; refused with {@link dev.overcast.store.exceptions.StaleFencingTokenException} under a lost lease. */
    public void put(Lease lease, InventoryEntry entry) {
        putAll(lease, List.of(entry));
    }

    /**
     * Records many resources in fenced transactions of up to {@value #ROWS_PER_TRANSACTION} rows.
     * Every row is checked (keys, size) before the first is written, so bad input writes nothing; a
     * lease lost midway leaves a prefix of whole transactions written, which the next holder's
     * observation overwrites.
     */
    public void putAll(Lease lease, List<InventoryEntry> entries) {
        List<InventoryItem> items = new ArrayList<>(entries.size());
        for (InventoryEntry entry : entries) {
            lease.requireCluster(entry.clusterId());
            InventoryItem item = item(entry, lease.fencingToken());
            ItemLimits.check(table.tableName(), table.tableSchema(), item);
            items.add(item);
        }
        for (int from = 0; from < items.size(); from += ROWS_PER_TRANSACTION) {
            List<InventoryItem> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_TRANSACTION));
            Transaction transaction = new Transaction(enhanced, "inventory of cluster " + lease.clusterId());
            locks.guard(transaction, lease);
            chunk.forEach(item -> transaction.put(table, item));
            transaction.commit();
        }
    }

    /**
     * Forgets resources the cloud no longer has (deleted by hand, or by a destroy), in fenced
     * transactions like {@link #putAll}, so no flow reads a gone resource's outputs as current.
     */
    public void removeAll(Lease lease, Collection<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        for (String name : sorted) {
            ItemLimits.checkPartitionKey(table.tableName(), "name", name);
        }
        for (int from = 0; from < sorted.size(); from += ROWS_PER_TRANSACTION) {
            List<String> chunk = sorted.subList(from, Math.min(sorted.size(), from + ROWS_PER_TRANSACTION));
            Transaction transaction = new Transaction(enhanced, "inventory of cluster " + lease.clusterId());
            locks.guard(transaction, lease);
            chunk.forEach(name -> transaction.delete(table, Key.builder().partitionValue(lease.clusterId()).sortValue(name).build()));
            transaction.commit();
        }
    }

    /** The resource, if the cloud listed it. */
    public Optional<InventoryEntry> find(String clusterId, String name) {
        return Optional.ofNullable(table.getItem(r -> r
                        .key(Key.builder().partitionValue(clusterId).sortValue(name).build())
                        .consistentRead(true)))
                .map(InventoryStore::entry)
                .filter(InventoryEntry::isObserved);
    }

    /** The cluster's resources the cloud listed, by name. */
    public List<InventoryEntry> list(String clusterId) {
        return listWithUnobserved(clusterId).stream().filter(InventoryEntry::isObserved).toList();
    }

    /**
     * Every row of the cluster, by name, with those of resources the cloud has not listed (yet) that
     * the converge step keeps for their {@link InventoryEntry#history()}.
     */
    public List<InventoryEntry> listWithUnobserved(String clusterId) {
        ItemLimits.checkPartitionKey(table.tableName(), "clusterId", clusterId);
        return table.query(r -> r
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(clusterId).build()))
                        .consistentRead(true))
                .items().stream().map(InventoryStore::entry).toList();
    }

    private static InventoryItem item(InventoryEntry entry, long fencingToken) {
        InventoryItem item = new InventoryItem();
        item.setClusterId(entry.clusterId());
        item.setName(entry.name());
        item.setKind(entry.kind() == null ? null : entry.kind().id());
        item.setCloud(entry.cloud() == null ? null : entry.cloud().id());
        item.setRegion(entry.region());
        item.setCloudId(entry.cloudId());
        item.setState(entry.state() == null ? null : entry.state().name());
        item.setAttributes(entry.attributes());
        item.setObservedAt(entry.observedAt());
        item.setFencingToken(fencingToken);
        History history = entry.history();
        if (history != null) {
            item.setHistoryExecution(history.execution());
            item.setCreateStarted(history.createStarted());
            item.setDeleteStarted(history.deleteStarted());
            item.setFirstTried(history.firstTried());
            item.setWaitingOn(history.waitingOn());
            item.setWaitingSince(history.waitingSince());
        }
        return item;
    }

    private static InventoryEntry entry(InventoryItem item) {
        return new InventoryEntry(item.getClusterId(), item.getName(),
                item.getKind() == null ? null : ResourceKind.fromId(item.getKind()).orElseThrow(),
                item.getCloud() == null ? null : Cloud.fromId(item.getCloud()).orElseThrow(),
                item.getRegion(), item.getCloudId(),
                item.getState() == null ? null : ResourceState.valueOf(item.getState()),
                item.getAttributes() == null ? new TreeMap<>() : new TreeMap<>(item.getAttributes()),
                item.getObservedAt(),
                item.getHistoryExecution() == null ? null : new History(item.getHistoryExecution(), item.getCreateStarted(),
                        item.getDeleteStarted(), item.getFirstTried(), item.getWaitingOn(), item.getWaitingSince()));
    }
}
