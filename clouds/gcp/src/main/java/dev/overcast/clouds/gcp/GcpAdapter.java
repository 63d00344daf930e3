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
import dev.overcast.core.cloud.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindClients;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.plan.ResourceKind;
import java.util.Objects;

/** The cloud SPI on Compute Engine (google-cloud-compute, REST transport): one {@link ResourceClient} per kind. */
public final class GcpAdapter implements CloudAdapter, AutoCloseable {

    private final ComputeClients clients;
    private final KindClients byKind;

    /**
     * @param secrets resolves tunnel pre-shared keys when a tunnel is created, and a service account key
     *                reference when the clients are built
     */
    public GcpAdapter(GcpConfig config, SecretResolver secrets) {
        Objects.requireNonNull(secrets, "secrets");
        this.clients = new ComputeClients(Objects.requireNonNull(config, "config"), secrets);
        CloudRouters routers = new CloudRouters(clients);
        this.byKind = KindClients.of(Cloud.GCP,
                new NetworkClient(clients),
                new SubnetClient(clients),
                new FirewallClient(clients),
                new AddressClient(clients),
                new HaVpnGatewayClient(clients, routers),
                new ExternalGatewayClient(clients),
                new TunnelClient(clients, secrets, routers),
                new InstanceClient(clients));
    }

    @Override
    public Cloud cloud() {
        return Cloud.GCP;
    }

    @Override
    public ResourceClient client(ResourceKind kind) {
        return byKind.client(kind);
    }

    @Override
    public void close() {
        clients.close();
    }
}
