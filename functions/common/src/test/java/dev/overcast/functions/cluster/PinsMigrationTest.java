package dev.overcast.functions.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.core.Cloud;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Pins;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Release;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.region.GeoPoint;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.InstanceCatalog;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.LeaseRef;
import dev.overcast.store.Cluster;
import dev.overcast.store.DynamoDbLocalExtension;
import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.ProgressEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pins written when a cluster is recorded, and written late for a cluster an older release recorded without them. */
@ExtendWith(DynamoDbLocalExtension.class)
class PinsMigrationTest {
    private static final String SPEC = "{\"name\":\"old\",\"clouds\":[\"aws\",\"gcp\"],\"near\":\"us-east\",\"masters\":{\"count\":1}}";
    /** A later release: the "us-east" hint moved to Oregon, one more line of user-data, 1.32 by default. */
    private static final Planner NEXT_RELEASE = new Planner(new Release(
            RegionCatalog.standard().withMetro("us-east", new GeoPoint(45.6, -121.2)), InstanceCatalog.standard(),
            (cluster, node) -> new CloudInit().render(cluster, node) + "# next release\n", "1.32"));

    @Test
    void recordCluster_shouldWriteWhatThePlannerDecided(FreshStore fresh) throws Exception {
        Lease lease = fresh.store().locks().acquire("old", "exec-1", LeasePurpose.CREATE, Duration.ofMinutes(5));
        RecordCluster record = new RecordCluster(fresh.store(), Planner.standard(), fresh.clock());

        record.apply(new RecordCluster.Request("team", new ObjectMapper().readTree(SPEC), LeaseRef.of(lease)));

        Pins pins = Pins.fromJson(fresh.store().clusters().get("old").pins());
        assertThat(pins).isEqualTo(Planner.standard().pins("old", SpecReader.parseJson(SPEC)));
        assertThat(pins.regions()).containsExactly(Map.entry("aws", "us-east-1"), Map.entry("gcp", "us-east4"));
    }

    @Test
    void markStatus_shouldPinAClusterRecordedWithoutPins_whereItsNetworksAre(FreshStore fresh) {
        Cluster old = fresh.store().clusters().create("old", "team", "old", SPEC);
        Lease lease = fresh.store().locks().acquire("old", "exec-1", LeasePurpose.RECONCILE, Duration.ofMinutes(5));
        fresh.store().inventory().putAll(lease, List.of(network(Cloud.AWS, "us-east-1"), network(Cloud.GCP, "us-east4")));
        ClusterPlans plans = new ClusterPlans(fresh.store(), NEXT_RELEASE);
        assertThat(NEXT_RELEASE.plan(SpecReader.parseJson(SPEC)).regions().region(Cloud.AWS).name())
                .as("unpinned, the new release would move the cluster").isNotEqualTo("us-east-1");

        new MarkStatus(fresh.store(), plans, fresh.clock()).apply(new MarkStatus.Request(LeaseRef.of(lease), "ready", null));

        Cluster pinned = fresh.store().clusters().get("old");
        assertThat(old.pins()).isNull();
        assertThat(pinned.status()).isEqualTo(ClusterStatus.READY);
        Pins pins = Pins.fromJson(pinned.pins());
        assertThat(pins.regions()).containsExactly(Map.entry("aws", "us-east-1"), Map.entry("gcp", "us-east4"));
        assertThat(pins.kubernetesVersion()).as("the default of every release before pins").isEqualTo("1.31");
        Plan plan = plans.plan("old");
        assertThat(plan.regions().region(Cloud.AWS).name()).isEqualTo("us-east-1");
        assertThat(plan.regions().region(Cloud.GCP).name()).isEqualTo("us-east4");
        assertThat(plan.kubernetesVersion()).isEqualTo("1.31");
    }

    @Test
    void markStatus_shouldRecordWhatTheReleaseWouldDecideOtherwise_onReachingReady(FreshStore fresh) {
        Pins recorded = Planner.standard().pins("old", SpecReader.parseJson(SPEC));
        fresh.store().clusters().create("old", "team", "old", SPEC, recorded.toJson());
        Lease lease = fresh.store().locks().acquire("old", "exec-1", LeasePurpose.RECONCILE, Duration.ofMinutes(5));
        MarkStatus mark = new MarkStatus(fresh.store(), new ClusterPlans(fresh.store(), NEXT_RELEASE), fresh.clock());

        mark.apply(new MarkStatus.Request(LeaseRef.of(lease), "ready", null));

        assertThat(fresh.store().clusters().get("old").pins()).as("pins are never rewritten").isEqualTo(recorded.toJson());
        List<ProgressEvent> differences = fresh.store().progress().events("exec-1").stream()
                .filter(e -> e.status().equals(MarkStatus.RELEASE_DIFFERS)).toList();
        assertThat(differences).singleElement().satisfies(e -> assertThat(e.detail())
                .contains("kubernetesVersion: pinned 1.31, this release 1.32", "regions.aws: pinned us-east-1, this release us-west-2",
                        "userData: this release renders it differently for [old-instance-master-0]"));
    }

    private static InventoryEntry network(Cloud cloud, String region) {
        String name = "old-network-" + cloud.id();
        return new InventoryEntry("old", name, ResourceKind.NETWORK, cloud, region, name, ResourceState.READY, Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
