package dev.overcast.store;

import dev.overcast.store.internal.ChangeItem;
import dev.overcast.store.internal.ClusterItem;
import dev.overcast.store.internal.IdempotencyItem;
import dev.overcast.store.internal.InventoryItem;
import dev.overcast.store.internal.LockItem;
import dev.overcast.store.internal.ProgressItem;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The one definition of every Overcast table; {@code template.yaml} mirrors these and a test holds them equal. */
public final class TableSchemas {
    private TableSchemas() {
    }

    public static final TableDefinition<ClusterItem> CLUSTERS =
            new TableDefinition<>("clusters", TableSchema.fromBean(ClusterItem.class), Optional.empty());
    public static final TableDefinition<InventoryItem> INVENTORY =
            new TableDefinition<>("inventory", TableSchema.fromBean(InventoryItem.class), Optional.empty());
    public static final TableDefinition<LockItem> LOCKS =
            new TableDefinition<>("locks", TableSchema.fromBean(LockItem.class), Optional.empty());
    public static final TableDefinition<ChangeItem> CHANGES =
            new TableDefinition<>("changes", TableSchema.fromBean(ChangeItem.class), Optional.empty());
    public static final TableDefinition<ProgressItem> PROGRESS = new TableDefinition<>(
            "progress", TableSchema.fromBean(ProgressItem.class), Optional.of(ProgressItem.TTL_ATTRIBUTE));

    public static final TableDefinition<IdempotencyItem> IDEMPOTENCY = new TableDefinition<>(
            "idempotency", TableSchema.fromBean(IdempotencyItem.class), Optional.of(IdempotencyItem.TTL_ATTRIBUTE));

    public static final List<TableDefinition<?>> ALL = List.of(CLUSTERS, INVENTORY, LOCKS, CHANGES, PROGRESS, IDEMPOTENCY);
}
