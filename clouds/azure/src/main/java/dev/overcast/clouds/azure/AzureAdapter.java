package dev.overcast.clouds.azure;

import dev.overcast.clouds.azure.compute.VirtualMachineClient;
import dev.overcast.clouds.azure.firewall.SecurityGroupClient;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.network.VirtualNetworkClient;
import dev.overcast.clouds.azure.publicip.PublicIpClient;
import dev.overcast.clouds.azure.subnet.SubnetClient;
import dev.overcast.clouds.azure.vpn.ConnectionClient;
import dev.overcast.clouds.azure.vpn.LocalNetworkGatewayClient;
import dev.overcast.clouds.azure.vpn.VirtualNetworkGatewayClient;
import dev.overcast.core.cloud.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindClients;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.plan.ResourceKind;
import java.util.Objects;

/** The cloud SPI on Azure Resource Manager (azure-resourcemanager service clients): one {@link ResourceClient} per kind. */
public final class AzureAdapter implements CloudAdapter {

    private final KindClients byKind;

    /** @param secrets resolves tunnel pre-shared keys (and a service principal's secret) when a call needs them */
    public AzureAdapter(AzureConfig config, SecretResolver secrets) {
        Objects.requireNonNull(secrets, "secrets");
        ArmClients arm = new ArmClients(Objects.requireNonNull(config, "config"), secrets);
        VirtualNetworkGatewayClient gateways = new VirtualNetworkGatewayClient(arm);
        LocalNetworkGatewayClient locals = new LocalNetworkGatewayClient(arm);
        this.byKind = KindClients.of(Cloud.AZURE,
                new VirtualNetworkClient(arm),
                new SubnetClient(arm),
                new SecurityGroupClient(arm),
                new PublicIpClient(arm),
                gateways,
                locals,
                new ConnectionClient(arm, secrets, gateways, locals),
                new VirtualMachineClient(arm));
    }

    @Override
    public Cloud cloud() {
        return Cloud.AZURE;
    }

    @Override
    public ResourceClient client(ResourceKind kind) {
        return byKind.client(kind);
    }
}
