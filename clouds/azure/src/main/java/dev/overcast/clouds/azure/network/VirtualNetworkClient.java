package dev.overcast.clouds.azure.network;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.clouds.azure.internal.AzureErrors;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;

/**
 * The network: the cluster's resource group in the region (tagged like everything else) and the virtual
 * network in it. The group is part of the network, so deleting the network deletes the group and
 * whatever is still inside, which ARM removes in dependency order: nothing owned can outlive it.
 */
public final class VirtualNetworkClient extends ArmResourceClient<VirtualNetworkInner> {

    static final String TYPE = "Microsoft.Network/virtualNetworks";

    public VirtualNetworkClient(ArmClients arm) {
        super(ResourceKind.NETWORK, arm);
    }

    /** The network is its resource group, which ARM stops listing once its delete is accepted: no delete figure. */
    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT.create(operation("virtualnetworks.create", Duration.ofSeconds(5)));
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListVirtualNetworks", () -> arm.network().getVirtualNetworks().listByResourceGroup(group)),
                VirtualNetworkInner::provisioningState, vnet -> attributes(Attributes.CIDR, cidr(vnet)));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        String cidr = required(desired, Attributes.CIDR);
        arm.resources().getResourceGroups().createOrUpdate(group,
                new ResourceGroupInner().withLocation(desired.region()).withTags(tags(clusterId, desired)));
        arm.network().getVirtualNetworks().beginCreateOrUpdate(group, desired.name(), new VirtualNetworkInner()
                .withLocation(desired.region())
                .withTags(tags(clusterId, desired))
                .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of(cidr))));
        return started(clusterId, desired, ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name()),
                attributes(Attributes.CIDR, cidr));
    }

    @Override
    protected void remove(String group, Observation observed) {
        AzureErrors.removing("DeleteResourceGroup", () -> arm.resources().getResourceGroups().beginDelete(group));
    }

    private static String cidr(VirtualNetworkInner vnet) {
        return vnet.addressSpace() == null || vnet.addressSpace().addressPrefixes() == null ? null
                : String.join(",", vnet.addressSpace().addressPrefixes());
    }
}
