package dev.overcast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.region.GeoPoint;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.InvalidSpecException;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.InstanceCatalog;
import dev.overcast.core.spec.MachinePool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A recorded cluster's pins against a later release that ships another catalog, renderer and default version. */
class PinnedPlanTest {
    /** A release whose "us-east" hint sits in Oregon, whose user-data carries one more line and whose default is 1.32. */
    static final Release NEXT = new Release(RegionCatalog.standard().withMetro("us-east", new GeoPoint(45.6, -121.2)),
            InstanceCatalog.standard(), (cluster, node) -> new CloudInit().render(cluster, node) + "# next release\n", "1.32");

    private final Planner today = Planner.standard();
    private final Planner next = new Planner(NEXT);

    private static ClusterSpec nearUsEast() {
        return new ClusterSpec("pin", List.of("aws", "gcp"), null, "us-east", new MachinePool(1, null),
                Map.of("aws", new MachinePool(1, null), "gcp", new MachinePool(1, null)), null, null);
    }

    @Test
    void pins_shouldHoldEveryDecisionOfTheRelease() {
        Pins pins = today.pins("pin", nearUsEast());

        assertThat(pins.plannerVersion()).isEqualTo(Planner.VERSION);
        assertThat(pins.kubernetesVersion()).isEqualTo("1.31");
        assertThat(pins.regions()).containsExactly(Map.entry("aws", "us-east-1"), Map.entry("gcp", "us-east4"));
        assertThat(pins.zones().get("gcp")).isNotEmpty();
        assertThat(pins.instanceTypes()).containsExactly(Map.entry("aws/medium", "m6i.xlarge"), Map.entry("gcp/medium", "n2-standard-4"));
        assertThat(pins.images()).containsOnlyKeys("aws", "gcp");
        assertThat(pins.networks()).containsExactly(Map.entry("aws", "10.10.0.0/16"), Map.entry("gcp", "10.20.0.0/16"));
        assertThat(pins.podCidr()).isEqualTo("10.244.0.0/16");
        assertThat(pins.serviceCidr()).isEqualTo("10.96.0.0/12");
        assertThat(pins.userData()).containsOnlyKeys("pin-instance-master-0", "pin-instance-aws-0", "pin-instance-gcp-0");
        assertThat(Pins.fromJson(pins.toJson())).isEqualTo(pins);
    }

    @Test
    void nextRelease_shouldDecideOtherwise_withoutPins() {
        Plan unpinned = next.plan(nearUsEast());

        assertThat(unpinned.kubernetesVersion()).isEqualTo("1.32");
        assertThat(unpinned.regions().region(Cloud.AWS).name()).isNotEqualTo("us-east-1");
    }

    @Test
    void nextRelease_shouldPlanEverythingButTheRenderingAsRecorded_givenThePins() {
        ClusterSpec spec = nearUsEast();
        Pins pins = today.pins(spec.name(), spec);
        Plan recorded = today.plan(spec.name(), spec, pins);

        Planner.Decided later = next.decide(spec.name(), spec, pins);

        assertThat(later.plan().kubernetesVersion()).isEqualTo("1.31");
        assertThat(later.plan().regions().regions()).isEqualTo(recorded.regions().regions());
        assertThat(later.plan().network()).isEqualTo(recorded.network());
        assertThat(later.plan().resources()).hasSameSizeAs(recorded.resources());
        for (Resource r : later.plan().resources()) {
            Map<String, String> was = new java.util.TreeMap<>(recorded.byName().get(r.name()).attributes());
            Map<String, String> now = new java.util.TreeMap<>(r.attributes());
            was.remove(Attributes.USER_DATA);
            now.remove(Attributes.USER_DATA);
            assertThat(now).as(r.name()).isEqualTo(was);
        }
        assertThat(later.pins()).as("a plan under pins keeps them, digests of what the instances were made with included")
                .isEqualTo(pins);
    }

    @Test
    void differences_shouldNameWhatTheNextReleaseWouldDecide() {
        ClusterSpec spec = nearUsEast();
        Pins pins = today.pins(spec.name(), spec);

        List<String> differences = pins.differences(next.pins(spec.name(), spec));

        assertThat(differences).contains("kubernetesVersion: pinned 1.31, this release 1.32");
        assertThat(differences).anyMatch(d -> d.startsWith("regions.aws: pinned us-east-1, this release "));
        assertThat(differences).anyMatch(d -> d.startsWith("userData: this release renders it differently for [pin-instance-"));
        assertThat(pins.differences(today.pins(spec.name(), spec))).isEmpty();
    }

    @Test
    void regionsTheSpecNames_shouldStillMeetTheBudget_forAClusterNotRecordedYet() {
        ClusterSpec overBudget = new ClusterSpec("far", List.of("aws", "gcp"), Map.of("aws", "us-east-1", "gcp", "us-east1"), null,
                new MachinePool(1, null), null, null, null);

        assertThatThrownBy(() -> today.plan(overBudget.name(), overBudget, null)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("[max-rtt]");
    }

    @Test
    void aPinlessCloud_shouldBeChosenAroundThePinnedOnes() {
        ClusterSpec spec = nearUsEast();
        Pins pins = today.pins(spec.name(), spec);
        Pins awsOnly = new Pins(pins.plannerVersion(), pins.kubernetesVersion(), new java.util.TreeMap<>(Map.of("aws", "us-east-1")),
                null, null, null, null, null, null, null);

        Plan plan = today.plan(spec.name(), spec, awsOnly);

        assertThat(plan.regions().region(Cloud.AWS).name()).isEqualTo("us-east-1");
        assertThat(plan.regions().region(Cloud.GCP).name()).isEqualTo("us-east4");
    }
}
