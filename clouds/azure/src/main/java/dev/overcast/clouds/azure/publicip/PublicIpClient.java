package dev.overcast.clouds.azure.publicip;

import static dev.overcast.core.cloud.KindTimings.operation;

import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuTier;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Standard, static public IP: the address a VPN gateway is reached at, known before the gateway exists. */
public final class PublicIpClient extends ArmResourceClient<PublicIpAddressInner> {

    static final String TYPE = "Microsoft.Network/publicIPAddresses";

    public PublicIpClient(ArmClients arm) {
        super(ResourceKind.PUBLIC_IP, arm);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT.create(operation("publicipaddresses.create", Duration.ofSeconds(5)));
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListPublicIpAddresses", () -> arm.network().getPublicIpAddresses().listByResourceGroup(group)),
                PublicIpAddressInner::provisioningState, ip -> attributes(Outputs.PUBLIC_IP, ip.ipAddress()));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        arm.network().getPublicIpAddresses().beginCreateOrUpdate(group, desired.name(), (PublicIpAddressInner) new PublicIpAddressInner()
                .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD).withTier(PublicIpAddressSkuTier.REGIONAL))
                .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)
                .withLocation(desired.region())
                .withTags(tags(clusterId, desired)));
        return started(clusterId, desired, ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name()), Map.of());
    }

    @Override
    protected void remove(String group, Observation observed) {
        arm.network().getPublicIpAddresses().beginDelete(group, ArmIds.name(observed.cloudId()));
    }
}
