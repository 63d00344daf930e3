package dev.overcast.clouds.aws;

import dev.overcast.clouds.aws.compute.InstanceClient;
import dev.overcast.clouds.aws.firewall.SecurityGroupClient;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.network.NetworkClient;
import dev.overcast.clouds.aws.publicip.ElasticIpClient;
import dev.overcast.clouds.aws.subnet.SubnetClient;
import dev.overcast.clouds.aws.vpn.CustomerGatewayClient;
import dev.overcast.clouds.aws.vpn.VpnConnectionClient;
import dev.overcast.clouds.aws.vpn.VpnGatewayClient;
import dev.overcast.core.cloud.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindClients;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.plan.ResourceKind;
import java.util.Objects;

/** The cloud SPI on EC2 (AWS SDK v2): one {@link ResourceClient} per kind, sharing per-region clients. */
public final class AwsAdapter implements CloudAdapter, AutoCloseable {

    private final Ec2Clients clients;
    private final KindClients byKind;

    /** @param secrets resolves tunnel pre-shared keys at the moment a VPN connection is created */
    public AwsAdapter(AwsConfig config, SecretResolver secrets) {
        Objects.requireNonNull(secrets, "secrets");
        this.clients = new Ec2Clients(Objects.requireNonNull(config, "config"));
        this.byKind = KindClients.of(Cloud.AWS,
                new NetworkClient(clients),
                new SubnetClient(clients),
                new SecurityGroupClient(clients),
                new ElasticIpClient(clients),
                new VpnGatewayClient(clients),
                new CustomerGatewayClient(clients),
                new VpnConnectionClient(clients, secrets),
                new InstanceClient(clients));
    }

    @Override
    public Cloud cloud() {
        return Cloud.AWS;
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
