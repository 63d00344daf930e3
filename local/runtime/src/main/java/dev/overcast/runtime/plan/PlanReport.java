package dev.overcast.runtime.plan;

import dev.overcast.core.network.CloudNetwork;
import dev.overcast.core.network.SubnetPlan;
import dev.overcast.core.network.TunnelLink;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.region.Region;
import dev.overcast.core.region.RegionPair;
import dev.overcast.core.region.RegionSelector;
import dev.overcast.runtime.Table;
import java.util.List;

/** A plan as readable text: regions and round trips, the address plan, the resources in creation order. */
public final class PlanReport {
    private PlanReport() {
    }

    static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Cluster %s, Kubernetes %s: %d cloud%s, %d resources%n%n".formatted(plan.cluster(), plan.kubernetesVersion(),
                plan.regions().regions().size(), plan.regions().regions().size() == 1 ? "" : "s", plan.resources().size()));

        out.append(regions(plan));

        out.append("\nNetwork plan\n");
        Table network = new Table("cloud", "range", "what");
        for (CloudNetwork n : plan.network().clouds().values()) {
            network.row(n.cloud().id(), n.cidr(), "network (gateway ASN " + n.asn() + ")");
            for (SubnetPlan s : n.subnets()) {
                network.row("", s.cidr(), "subnet" + (s.zone() == null ? "" : " " + s.zone()));
            }
            if (n.gatewaySubnetCidr() != null) {
                network.row("", n.gatewaySubnetCidr(), "GatewaySubnet");
            }
            network.row("", n.podCidr(), "pods" + podSlices(n));
        }
        network.row("cluster", plan.network().podCidr(), "pods (all clouds)");
        network.row("cluster", plan.network().serviceCidr(), "services");
        for (TunnelLink t : plan.network().tunnels()) {
            for (TunnelLink.InsideRange r : t.ranges()) {
                network.row(t.first().id() + "-" + t.second().id(), r.cidr(),
                        "tunnel inside: %s %s, %s %s".formatted(t.first().id(), r.firstIp(), t.second().id(), r.secondIp()));
            }
        }
        network.renderTo(out);

        out.append("\nResources, in creation order (deletion runs in reverse)\n");
        Table resources = new Table("#", "name", "kind", "cloud", "region", "depends on");
        int step = 1;
        for (Resource r : plan.creationOrder()) {
            resources.row(String.valueOf(step++), r.name(), r.kind().id(), r.cloud().id(), r.region(),
                    r.dependsOn().isEmpty() ? "-" : String.join(", ", r.dependsOn()));
        }
        resources.renderTo(out);
        return out.toString();
    }

    /** The regions chosen and the round trip of every pair, as {@code overcast plan} prints them first. */
    public static String regions(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Regions\n");
        Table regions = new Table("cloud", "region", "where", "zones");
        for (Region r : plan.regions().regions().values()) {
            regions.row(r.cloud().id(), r.name(), r.display(), r.zones().isEmpty() ? "-" : String.join(" ", r.zones()));
        }
        regions.renderTo(out);
        if (!plan.regions().pairs().isEmpty()) {
            out.append("%nRound trips (budget %.0f ms; measured figures from cb-tumblebug, estimates from distance)%n"
                    .formatted(RegionSelector.MAX_RTT_MS));
            Table pairs = new Table("from", "to", "rtt", "source");
            for (RegionPair p : plan.regions().pairs()) {
                pairs.row(p.a().id(), p.b().id(), "%.2f ms".formatted(p.rtt().millis()), p.rtt().measured() ? "measured" : "estimate");
            }
            pairs.renderTo(out);
            out.append("  worst pair: %.2f ms%n".formatted(plan.regions().worstRttMillis()));
        }
        return out.toString();
    }

    private static String podSlices(CloudNetwork n) {
        List<String> slices = n.subnets().stream().map(SubnetPlan::podCidr).filter(p -> !p.equals(n.podCidr())).toList();
        return slices.isEmpty() ? "" : " (per subnet: " + String.join(", ", slices) + ")";
    }
}
