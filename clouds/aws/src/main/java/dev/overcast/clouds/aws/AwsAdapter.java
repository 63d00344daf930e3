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
import dev.overcast.core.cloud.ClientPerKindAdapter;
import dev.overcast.core.cloud.Cloud;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import java.util.Objects;

/** The cloud SPI on EC2 (AWS SDK v2): one {@link ResourceClient} per kind, sharing per-region clients. */
public final class AwsAdapter extends ClientPerKindAdapter implements AutoCloseable {

    private final Ec2Clients clients;

    /** @param secrets resolves tunnel pre-shared keys at the moment a VPN connection is created */
    public AwsAdapter(AwsConfig config, SecretResolver secrets) {
        this(new Ec2Clients(Objects.requireNonNull(config, "config")), Objects.requireNonNull(secrets, "secrets"));
    }

    private AwsAdapter(Ec2Clients clients, SecretResolver secrets) {
        super(Cloud.AWS,
                new NetworkClient(clients),
                new SubnetClient(clients),
                new SecurityGroupClient(clients),
                new ElasticIpClient(clients),
                new VpnGatewayClient(clients),
                new CustomerGatewayClient(clients),
                new VpnConnectionClient(clients, secrets),
                new InstanceClient(clients));
        this.clients = clients;
    }

    @Override
    public void close() {
        clients.close();
    }
}
