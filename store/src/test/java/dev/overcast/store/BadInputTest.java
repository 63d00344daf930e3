package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import dev.overcast.store.exceptions.InvalidKeyException;
import dev.overcast.store.exceptions.ItemTooLargeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class BadInputTest {
    private static final String HUGE = "x".repeat(410 * 1024);

    @Test
    void create_shouldRefuseItemOver400Kb_andWriteNothing(FreshStore fresh) {
        assertThatThrownBy(() -> fresh.store().clusters().create("c1", "team", "c1", HUGE))
                .isInstanceOf(ItemTooLargeException.class)
                .hasMessageContaining("clusterId=c1").hasMessageContaining("400 KB");
        assertThat(fresh.store().clusters().find("c1")).isEmpty();
    }

    @Test
    void putAll_shouldRefuseBatchWithOneOversizedItem_andWriteNothing(FreshStore fresh) {
        fresh.store().clusters().create("c1", "team", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, Duration.ofMinutes(5));
        List<InventoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            entries.add(LeaseLocksTest.entry("c1", "c1-subnet-" + i));
        }
        entries.add(new InventoryEntry("c1", "c1-instance-big", ResourceKind.INSTANCE, Cloud.GCP, "europe-west1", "i-1",
                ResourceState.READY, Map.of("userData", HUGE), null));

        assertThatThrownBy(() -> fresh.store().inventory().putAll(lease, entries))
                .isInstanceOf(ItemTooLargeException.class)
                .hasMessageContaining("c1-instance-big");
        assertThat(fresh.store().inventory().list("c1")).isEmpty();
    }

    @Test
    void putAll_shouldWriteMoreRowsThanOneTransactionHolds(FreshStore fresh) {
        fresh.store().clusters().create("c1", "team", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, Duration.ofMinutes(5));
        List<InventoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            entries.add(LeaseLocksTest.entry("c1", "c1-subnet-" + i));
        }

        fresh.store().inventory().putAll(lease, entries);

        assertThat(fresh.store().inventory().list("c1")).hasSize(150)
                .allSatisfy(entry -> assertThat(entry.attributes()).containsEntry("cidr", "10.0.0.0/16"));
    }

    @Test
    void create_shouldRefuseEmptyClusterId(FreshStore fresh) {
        assertThatThrownBy(() -> fresh.store().clusters().create("", "team", "", "{}"))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("'clusterId'").hasMessageContaining("empty");
    }

    @Test
    void create_shouldRefuseMissingClusterId(FreshStore fresh) {
        assertThatThrownBy(() -> fresh.store().clusters().create(null, "team", null, "{}"))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("'clusterId'").hasMessageContaining("missing");
    }

    @Test
    void create_shouldRefuseEmptyTenant_becauseItKeysAnIndex(FreshStore fresh) {
        assertThatThrownBy(() -> fresh.store().clusters().create("c1", "", "c1", "{}"))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("'tenant'");
        assertThat(fresh.store().clusters().find("c1")).isEmpty();
    }

    @Test
    void put_shouldRefuseSortKeyOverDynamoDbLimit_andWriteNothing(FreshStore fresh) {
        fresh.store().clusters().create("c1", "team", "c1", "{}");
        Lease lease = fresh.store().locks().acquire("c1", "exec-a", LeasePurpose.CREATE, Duration.ofMinutes(5));

        assertThatThrownBy(() -> fresh.store().inventory().put(lease, LeaseLocksTest.entry("c1", "n".repeat(1025))))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("'name'").hasMessageContaining("1024");
        assertThat(fresh.store().inventory().list("c1")).isEmpty();
    }

    @Test
    void tables_shouldRefuseInvalidPrefix() {
        assertThatThrownBy(() -> new Tables("bad prefix/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table prefix");
    }
}
