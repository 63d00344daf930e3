package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.overcast.core.Cloud;
import dev.overcast.core.converge.History;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A converge round's history on the inventory rows: stored whole, and rows not observed yet kept out of every other reader's way. */
@ExtendWith(DynamoDbLocalExtension.class)
class InventoryHistoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void history_shouldRoundTrip_andRowsNotObservedShouldStayOutOfListAndFind(FreshStore fresh) {
        Lease lease = fresh.store().locks().acquire("c1", "exec-1", LeasePurpose.CREATE, Duration.ofMinutes(5));
        History waiting = new History("exec-1", null, null, T0, "c1-network-aws", T0.plusSeconds(5));
        History created = new History("exec-1", T0, null, T0, null, null);
        Resource planned = new Resource("c1-subnet-aws", ResourceKind.SUBNET, Cloud.AWS, "eu-west-1",
                new TreeMap<>(Map.of("cidr", "10.0.0.0/20")), new TreeSet<>());
        InventoryEntry observed = LeaseLocksTest.entry("c1", "c1-network-aws").withHistory(created);

        fresh.store().inventory().putAll(lease, List.of(observed, InventoryEntry.unobserved("c1", planned, waiting)));

        assertThat(fresh.store().inventory().listWithUnobserved("c1"))
                .extracting(InventoryEntry::name, InventoryEntry::isObserved, InventoryEntry::history)
                .containsExactly(
                        tuple("c1-network-aws", true, created),
                        tuple("c1-subnet-aws", false, waiting));
        assertThat(fresh.store().inventory().list("c1")).extracting(InventoryEntry::name).containsExactly("c1-network-aws");
        assertThat(fresh.store().inventory().find("c1", "c1-subnet-aws")).isEmpty();
        assertThat(fresh.store().inventory().find("c1", "c1-network-aws")).get().extracting(InventoryEntry::history).isEqualTo(created);
    }

    @Test
    void unobserved_shouldForgetWhatTheCloudSaid_butKeepTheHistory() {
        History created = new History("exec-1", T0, null, T0, null, null);
        InventoryEntry gone = LeaseLocksTest.entry("c1", "c1-network-aws").withHistory(created).unobserved();

        assertThat(gone.isObserved()).isFalse();
        assertThat(gone.cloudId()).isNull();
        assertThat(gone.attributes()).isEmpty();
        assertThat(gone.history()).isEqualTo(created);
        assertThat(gone.kind()).isEqualTo(ResourceKind.NETWORK);
    }
}
