package dev.overcast.clouds.azure.subnet;

import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.TagsObject;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * Subnets of the cluster's virtual networks. ARM subnets carry no tags: they belong to the cluster
 * that owns their virtual network, and are named by their plan name, except the gateway subnet, which
 * Azure requires to be called {@code GatewaySubnet}; its plan name is kept in a tag of the virtual
 * network ({@value #GATEWAY_SUBNET_TAG}). Observe lists the virtual networks once: each carries its
 * subnets.
 */
public final class SubnetClient extends ArmResourceClient<VirtualNetworkInner> {

    public static final String GATEWAY_SUBNET = "GatewaySubnet";
    static final String GATEWAY_SUBNET_TAG = "overcast:gateway-subnet";

    public SubnetClient(ArmClients arm) {
        super(ResourceKind.SUBNET, arm);
    }

    /**
     * ARM: a subnet's address prefix cannot change while resources use it (Azure docs, "Add, change, or
     * delete a virtual network subnet": change the address range only of a subnet with no resources in it),
     * and a node subnet always has them.
     */
    @Override
    public Set<String> createOnly() {
        return Set.of(Attributes.CIDR);
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        List<Observation> found = new ArrayList<>();
        for (VirtualNetworkInner vnet : list("ListVirtualNetworks", () -> arm.network().getVirtualNetworks().listByResourceGroup(group))) {
            Map<String, String> vnetTags = vnet.tags() == null ? Map.of() : vnet.tags();
            String cluster = vnetTags.get(OwnershipTags.CLUSTER);
            if (cluster == null || vnet.subnets() == null) {
                continue;
            }
            for (SubnetInner subnet : vnet.subnets()) {
                boolean gateway = GATEWAY_SUBNET.equalsIgnoreCase(subnet.name());
                String name = gateway ? vnetTags.get(GATEWAY_SUBNET_TAG) : subnet.name();
                if (name == null) {
                    continue;
                }
                Map<String, String> attributes = attributes(Attributes.CIDR, subnet.addressPrefix(),
                        Attributes.PURPOSE, gateway ? ResourceKind.VPN_GATEWAY.id() : null);
                observed(region, subnet.id(), OwnershipTags.of(Cloud.AZURE, cluster, name), String.valueOf(subnet.provisioningState()),
                        attributes).ifPresent(found::add);
            }
        }
        return found;
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        String cidr = required(desired, Attributes.CIDR);
        Observation network = dependencies.require(required(desired, Attributes.NETWORK_REF));
        String vnet = ArmIds.name(network.cloudId());
        boolean gateway = ResourceKind.VPN_GATEWAY.id().equals(desired.attribute(Attributes.PURPOSE));
        String azureName = gateway ? GATEWAY_SUBNET : desired.name();
        if (gateway) {
            // The subnet itself cannot carry tags; its plan name goes on the virtual network first, so a crash
            // right after the subnet's PUT still leaves it findable.
            Map<String, String> vnetTags = new TreeMap<>(network.tags());
            vnetTags.put(GATEWAY_SUBNET_TAG, desired.name());
            arm.network().getVirtualNetworks().updateTags(group, vnet, new TagsObject().withTags(vnetTags));
        }
        arm.network().getSubnets().beginCreateOrUpdate(group, vnet, azureName, new SubnetInner().withAddressPrefix(cidr));
        return started(clusterId, desired, network.cloudId() + "/subnets/" + azureName, attributes(Attributes.CIDR, cidr));
    }

    @Override
    protected void remove(String group, Observation observed) {
        arm.network().getSubnets().beginDelete(group, ArmIds.nameAfter(observed.cloudId(), "virtualNetworks"),
                ArmIds.name(observed.cloudId()));
    }
}
