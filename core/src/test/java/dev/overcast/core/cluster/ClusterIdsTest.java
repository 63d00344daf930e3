package dev.overcast.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.region.Region;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterIdsTest {
    /** https://cloud.google.com/compute/docs/naming-resources: RFC 1035, at most 63 characters (labels likewise). */
    private static final Pattern GCP_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final String LONGEST_NAME = "a".repeat(40);
    /**
     * Azure's limits per resource type (learn.microsoft.com, azure-resource-manager/management/resource-name-rules):
     * virtual networks and Linux virtual machines 64; subnets, NSGs, public IPs, virtual network and local
     * network gateways, connections and network interfaces 80. The VM adapter adds {@code -nic} to its NIC.
     */
    private static final Map<ResourceKind, Integer> AZURE_LIMIT = Map.of(
            ResourceKind.NETWORK, 64, ResourceKind.INSTANCE, 64, ResourceKind.SUBNET, 80, ResourceKind.FIREWALL, 80,
            ResourceKind.PUBLIC_IP, 80, ResourceKind.VPN_GATEWAY, 80, ResourceKind.PEER_GATEWAY, 80, ResourceKind.VPN_TUNNEL, 80);
    private static final int AZURE_NIC_LIMIT = 80;
    /** Resource groups, at most 90; the Azure adapter names one {@code <cluster id>-<region>}. */
    private static final int AZURE_RESOURCE_GROUP_LIMIT = 90;

    @Test
    void newId_shouldBeTheNameAndSixRandomCharacters() {
        String id = ClusterIds.newId("demo", new SplittableRandom(1));

        assertThat(id).matches("demo-[a-z0-9]{6}");
        assertThat(ClusterIds.isValid(id)).isTrue();
    }

    @Test
    void newId_shouldCutTheName_soThatTheIdIsNoLongerThanTheLongestName() {
        String id = ClusterIds.newId(LONGEST_NAME, new SplittableRandom(2));

        assertThat(id).hasSize(40).startsWith("a".repeat(33) + "-");
        assertThat(ClusterIds.isValid(id)).isTrue();
    }

    @Test
    void newId_shouldDrawADifferentIdEachTime() {
        Random random = new Random(3);

        assertThat(IntStream.range(0, 1000).mapToObj(i -> ClusterIds.newId("x", random)).distinct()).hasSize(1000);
    }

    @Test
    void newId_shouldRefuseWhatIsNotAName() {
        assertThatThrownBy(() -> ClusterIds.newId("Not/A-Name", new SplittableRandom(4))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ClusterIds.isValid("a".repeat(41))).isFalse();
        assertThat(ClusterIds.isValid("x-")).isFalse();
        assertThat(ClusterIds.isValid(null)).isFalse();
    }

    @Test
    void everyResourceName_ofTheLongestNamesId_shouldFitEveryCloud() {
        String id = ClusterIds.newId(LONGEST_NAME, new SplittableRandom(5));
        MachinePool workers = new MachinePool(100, "medium");
        ClusterSpec spec = new ClusterSpec(LONGEST_NAME, List.of("aws", "gcp", "azure"), null, "us-east",
                new MachinePool(3, "medium"), Map.of("aws", workers, "gcp", workers, "azure", workers), null, null);

        Plan plan = Planner.standard().plan(id, spec);

        assertThat(plan.cluster()).isEqualTo(id);
        assertThat(plan.resources()).extracting(r -> r.kind()).containsAll(List.of(ResourceKind.values()));
        assertThat(plan.resources()).allSatisfy(r -> {
            assertThat(r.name()).startsWith(id + "-").hasSizeLessThanOrEqualTo(63).matches(GCP_NAME);
            assertThat(OwnershipTags.of(Cloud.GCP, id, r.name())).containsValues(id, r.name());
            if (r.cloud() == Cloud.AZURE) {
                assertThat(r.name()).as(r.kind().id()).hasSizeLessThanOrEqualTo(AZURE_LIMIT.get(r.kind()));
                if (r.kind() == ResourceKind.INSTANCE) {
                    assertThat(r.name() + "-nic").hasSizeLessThanOrEqualTo(AZURE_NIC_LIMIT);
                }
            }
        });
        int longestAzureRegion = RegionCatalog.standard().regions(Cloud.AZURE).stream().map(Region::name).mapToInt(String::length).max().orElseThrow();
        assertThat(id.length() + 1 + longestAzureRegion).isLessThanOrEqualTo(AZURE_RESOURCE_GROUP_LIMIT);
    }
}
