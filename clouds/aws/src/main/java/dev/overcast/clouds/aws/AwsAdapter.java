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
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.preflight.CloudPreflight;
import dev.overcast.clouds.aws.preflight.AwsPreflight;
import java.util.Objects;

/** The cloud SPI on EC2 (AWS SDK v2): one {@link ResourceClient} per kind, sharing per-region clients. */
public final class AwsAdapter extends ClientPerKindAdapter implements AutoCloseable {

    private final Ec2Clients clients;
    private final String stsRegion;

    /** @param secrets resolves tunnel pre-shared keys at the moment a VPN connection is created */
    public AwsAdapter(AwsConfig config, SecretResolver secrets) {
        this(new Ec2Clients(Objects.requireNonNull(config, "config")), Objects.requireNonNull(secrets, "secrets"), config.stsRegion());
    }

    private AwsAdapter(Ec2Clients clients, SecretResolver secrets, String stsRegion) {
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
        this.stsRegion = stsRegion;
    }

    /** The preflight of this account, on the adapter's clients and credentials. */
    public CloudPreflight preflight() {
        return new AwsPreflight(clients, stsRegion);
    }

    @Override
    public void close() {
        clients.close();
    }
}
