package dev.overcast.clouds.azure.firewall;

import static dev.overcast.core.cloud.PlannedAttributes.drift;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;

import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.clouds.azure.internal.AzureErrors;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.TreeMap;

/**
 * The firewall: a network security group whose inbound allow rules are the plan's ingress rules. It is
 * associated with each instance's NIC (by the instance kind) rather than with the subnet: the subnet
 * and the firewall are then independent resources, and neither has to be updated after creation.
 * Drift (a rule removed by hand) is repaired by writing the whole rule set again.
 */
public final class SecurityGroupClient extends ArmResourceClient<NetworkSecurityGroupInner> {

    static final String TYPE = "Microsoft.Network/networkSecurityGroups";

    public SecurityGroupClient(ArmClients arm) {
        super(ResourceKind.FIREWALL, arm);
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListNetworkSecurityGroups", () -> arm.network().getNetworkSecurityGroups().listByResourceGroup(group)),
                NetworkSecurityGroupInner::provisioningState, nsg -> attributes(Attributes.INGRESS, SecurityRules.ingress(nsg.securityRules())));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        put(group, clusterId, desired);
        return started(clusterId, desired, ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name()),
                attributes(Attributes.INGRESS, desired.attribute(Attributes.INGRESS)));
    }

    /** Ingress is the one attribute that changes in place: the whole rule set is written again. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        if (drift(desired, observed).isEmpty()) {
            return observed;
        }
        AzureErrors.call("UpdateNetworkSecurityGroup", () -> {
            put(ArmIds.group(observed.cloudId()), clusterId, desired);
            return null;
        });
        return new Observation(observed.name(), observed.kind(), observed.cloud(), observed.region(), observed.cloudId(),
                observed.state(), new TreeMap<>(attributes(Attributes.INGRESS, desired.attribute(Attributes.INGRESS))), observed.tags());
    }

    @Override
    protected void remove(String group, Observation observed) {
        arm.network().getNetworkSecurityGroups().beginDelete(group, ArmIds.name(observed.cloudId()));
    }

    private void put(String group, String clusterId, Resource desired) {
        NetworkSecurityGroupInner nsg;
        try {
            nsg = new NetworkSecurityGroupInner().withSecurityRules(SecurityRules.of(desired.attribute(Attributes.INGRESS)));
        } catch (IllegalArgumentException e) {
            throw invalid(desired, Attributes.INGRESS, e.getMessage());
        }
        nsg.withLocation(desired.region()).withTags(tags(clusterId, desired));
        arm.network().getNetworkSecurityGroups().beginCreateOrUpdate(group, desired.name(), nsg);
    }
}
