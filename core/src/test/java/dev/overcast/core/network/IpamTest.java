package dev.overcast.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.overcast.core.Cloud;
import dev.overcast.core.network.TunnelLink.InsideRange;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.region.RegionSelector;
import dev.overcast.core.region.RegionSet;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpamTest {

    private static NetworkPlan defaultsFor(List<String> clouds) {
        ClusterSpec spec = new ClusterSpec("demo", clouds, null, "us-east", new MachinePool(3, null), null, null, null);
        RegionCatalog catalog = RegionCatalog.standard();
        RegionSet regions = new RegionSelector(catalog).select(spec.cloudList(), catalog.locate("us-east").orElseThrow());
        return new Ipam().plan(spec, regions);
    }

    @Test
    void plan_shouldUseTheDocumentedDefaults() {
        NetworkPlan plan = defaultsFor(List.of("aws", "gcp", "azure"));

        assertThat(plan.cloud(Cloud.AWS).cidr()).isEqualTo("10.10.0.0/16");
        assertThat(plan.cloud(Cloud.AWS).subnets()).extracting(SubnetPlan::zone, SubnetPlan::cidr, SubnetPlan::podCidr).containsExactly(
                tuple("us-east-1a", "10.10.0.0/20", "10.244.0.0/20"),
                tuple("us-east-1b", "10.10.16.0/20", "10.244.16.0/20"),
                tuple("us-east-1c", "10.10.32.0/20", "10.244.32.0/20"));
        assertThat(plan.cloud(Cloud.GCP).podCidr()).isEqualTo("10.244.64.0/18");
        assertThat(plan.cloud(Cloud.AZURE).subnets()).extracting(SubnetPlan::zone, SubnetPlan::cidr).containsExactly(
                tuple(null, "10.30.0.0/20"));
        assertThat(plan.cloud(Cloud.AZURE).gatewaySubnetCidr()).isEqualTo("10.30.255.224/27");
        assertThat(plan.serviceCidr()).isEqualTo("10.96.0.0/12");
        assertThat(plan.tunnels()).extracting(TunnelLink::first, TunnelLink::second).containsExactly(
                tuple(Cloud.AWS, Cloud.GCP), tuple(Cloud.AWS, Cloud.AZURE), tuple(Cloud.GCP, Cloud.AZURE));
        // Each pair's first range where it was before AWS–GCP had four; the extra ranges come after.
        assertThat(plan.tunnel(Cloud.AWS, Cloud.GCP).orElseThrow().ranges()).containsExactly(
                new InsideRange("169.254.21.0/30", "169.254.21.1", "169.254.21.2"),
                new InsideRange("169.254.21.12/30", "169.254.21.13", "169.254.21.14"),
                new InsideRange("169.254.21.20/30", "169.254.21.21", "169.254.21.22"),
                new InsideRange("169.254.21.24/30", "169.254.21.25", "169.254.21.26"));
        assertThat(plan.tunnel(Cloud.AWS, Cloud.AZURE).orElseThrow().ranges()).containsExactly(
                new InsideRange("169.254.21.4/30", "169.254.21.5", "169.254.21.6"));
        assertThat(plan.tunnel(Cloud.GCP, Cloud.AZURE).orElseThrow().ranges()).containsExactly(
                new InsideRange("169.254.21.8/30", "169.254.21.9", "169.254.21.10"),
                new InsideRange("169.254.21.16/30", "169.254.21.17", "169.254.21.18"));
        assertThat(plan.clouds().values()).extracting(CloudNetwork::asn).containsExactly(64512, 64513, 65515);
    }

    @Test
    void plan_shouldKeepACloudsPodRange_whenAnotherCloudJoins() {
        assertThat(defaultsFor(List.of("gcp")).cloud(Cloud.GCP).podCidr())
                .isEqualTo(defaultsFor(List.of("aws", "gcp")).cloud(Cloud.GCP).podCidr());
    }

    @Test
    void plan_shouldGiveAzureNoGatewaySubnet_whenThereIsNothingToTunnelTo() {
        NetworkPlan plan = defaultsFor(List.of("azure"));
        assertThat(plan.cloud(Cloud.AZURE).gatewaySubnetCidr()).isNull();
        assertThat(plan.tunnels()).isEmpty();
    }

    @Test
    void tunnelLink_shouldAnswerFromEitherSide() {
        TunnelLink link = new TunnelLink(Cloud.AWS, Cloud.GCP, List.of(
                new InsideRange("169.254.21.0/30", "169.254.21.1", "169.254.21.2"),
                new InsideRange("169.254.21.12/30", "169.254.21.13", "169.254.21.14")));
        assertThat(link.insideIp(Cloud.GCP, 0)).isEqualTo("169.254.21.2");
        assertThat(link.peerInsideIp(Cloud.GCP, 0)).isEqualTo("169.254.21.1");
        assertThat(link.insideIp(Cloud.AWS, 1)).isEqualTo("169.254.21.13");
        assertThat(link.peerInsideIp(Cloud.AWS, 1)).isEqualTo("169.254.21.14");
    }
}
