package dev.overcast.clouds.gcp;

import dev.overcast.clouds.gcp.compute.InstanceClient;
import dev.overcast.clouds.gcp.firewall.FirewallClient;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.network.NetworkClient;
import dev.overcast.clouds.gcp.publicip.AddressClient;
import dev.overcast.clouds.gcp.subnet.SubnetClient;
import dev.overcast.clouds.gcp.vpn.CloudRouters;
import dev.overcast.clouds.gcp.vpn.ExternalGatewayClient;
import dev.overcast.clouds.gcp.vpn.HaVpnGatewayClient;
import dev.overcast.clouds.gcp.vpn.TunnelClient;
import dev.overcast.core.cloud.ClientPerKindAdapter;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.preflight.CloudPreflight;
import dev.overcast.clouds.gcp.preflight.GcpPreflight;
import java.util.Objects;

/** The cloud SPI on Compute Engine (google-cloud-compute, REST transport): one {@link ResourceClient} per kind. */
public final class GcpAdapter extends ClientPerKindAdapter implements AutoCloseable {

    private final ComputeClients clients;

    /**
     * @param secrets resolves tunnel pre-shared keys when a tunnel is created, and a service account key
     *                reference when the clients are built
     */
    public GcpAdapter(GcpConfig config, SecretResolver secrets) {
        this(new ComputeClients(Objects.requireNonNull(config, "config"), Objects.requireNonNull(secrets, "secrets")), secrets);
    }

    private GcpAdapter(ComputeClients clients, SecretResolver secrets) {
        this(clients, secrets, new CloudRouters(clients));
    }

    private GcpAdapter(ComputeClients clients, SecretResolver secrets, CloudRouters routers) {
        super(Cloud.GCP,
                new NetworkClient(clients),
                new SubnetClient(clients),
                new FirewallClient(clients),
                new AddressClient(clients),
                new HaVpnGatewayClient(clients, routers),
                new ExternalGatewayClient(clients),
                new TunnelClient(clients, secrets, routers),
                new InstanceClient(clients));
        this.clients = clients;
    }

    /** The preflight of this project, on the adapter's credentials and endpoint. */
    public CloudPreflight preflight() {
        return new GcpPreflight(clients);
    }

    @Override
    public void close() {
        clients.close();
    }
}
