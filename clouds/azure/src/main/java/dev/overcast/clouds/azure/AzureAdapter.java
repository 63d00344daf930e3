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
import dev.overcast.core.cloud.ClientPerKindAdapter;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.preflight.CloudPreflight;
import dev.overcast.clouds.azure.preflight.AzurePreflight;
import java.util.Objects;

/** The cloud SPI on Azure Resource Manager (azure-resourcemanager service clients): one {@link ResourceClient} per kind. */
public final class AzureAdapter extends ClientPerKindAdapter {

    /** @param secrets resolves tunnel pre-shared keys (and a service principal's secret) when a call needs them */
    public AzureAdapter(AzureConfig config, SecretResolver secrets) {
        this(new ArmClients(Objects.requireNonNull(config, "config"), Objects.requireNonNull(secrets, "secrets")), secrets);
    }

    private AzureAdapter(ArmClients arm, SecretResolver secrets) {
        this(arm, secrets, new LocalNetworkGatewayClient(arm));
    }

    private final ArmClients arm;

    /** The preflight of this subscription, on the adapter's clients and credentials. */
    public CloudPreflight preflight() {
        return new AzurePreflight(arm);
    }

    /** The connection client points the local gateway it joins at its BGP peer through that gateway's client. */
    private AzureAdapter(ArmClients arm, SecretResolver secrets, LocalNetworkGatewayClient locals) {
        super(Cloud.AZURE,
                new VirtualNetworkClient(arm),
                new SubnetClient(arm),
                new SecurityGroupClient(arm),
                new PublicIpClient(arm),
                new VirtualNetworkGatewayClient(arm),
                locals,
                new ConnectionClient(arm, secrets, locals),
                new VirtualMachineClient(arm));
        this.arm = arm;
    }
}
