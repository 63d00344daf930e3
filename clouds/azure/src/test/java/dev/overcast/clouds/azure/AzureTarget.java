package dev.overcast.clouds.azure;

import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkGatewayInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.IpConfigurationBgpPeeringAddress;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.contract.ContractTarget;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The contract suite's view of cloudsim's Azure front, reached over HTTPS with a static token and
 * the front's certificate as trust material. Changes "by hand" go through SDK clients of their own,
 * as a person in the portal would make them, never through the adapter.
 */
final class AzureTarget implements ContractTarget {

    static final String FRONT = "azure";
    static final String TENANT = "72f988bf-0000-4000-8000-000000000001";
    static final String SUBSCRIPTION = "00000000-0000-4000-8000-00000000c10d";
    static final String REGION = "westeurope";
    /** Short enough to see a VM (about a minute) while it is still creating, long enough for a 38-minute gateway within 40 polls. */
    static final Duration SETTLE_STEP = Duration.ofMinutes(1);

    private final CloudSim sim;
    private final AzureConfig config;
    private final AzureAdapter adapter;
    private final ArmClients byHand;

    AzureTarget(CloudSim sim, int maxRetries) {
        this.sim = sim;
        this.config = AzureConfig.of(TENANT, SUBSCRIPTION, new AzureCredentials.StaticToken("cloudsim-token"))
                .withEndpoint(sim.azureEndpoint(), sim.azureTrust().pem())
                .withMaxRetries(maxRetries);
        this.adapter = new AzureAdapter(config, SECRETS);
        this.byHand = new ArmClients(config, SECRETS);
    }

    /** The target with the world's books: calls by action, seeded faults and what the subscription holds. */
    static EmulatedCloud emulated(CloudSim sim, int maxRetries) {
        World world = sim.world();
        return new EmulatedCloud(new AzureTarget(sim, maxRetries), () -> world.calls().byAction(FRONT), world.calls()::reset,
                world.faults()::randomFaults, world.faults()::clear, () -> world.resources(FRONT, SUBSCRIPTION));
    }

    static AzureTarget on(CloudSimConfig config) {
        return new AzureTarget(CloudSim.start(config), AzureConfig.DEFAULT_MAX_RETRIES);
    }

    CloudSim sim() {
        return sim;
    }

    @Override
    public CloudAdapter adapter() {
        return adapter;
    }

    @Override
    public String region() {
        return REGION;
    }

    @Override
    public String zone() {
        return "1";
    }

    @Override
    public String image() {
        return "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest";
    }

    @Override
    public String instanceType() {
        return "Standard_B2s";
    }

    @Override
    public Optional<String> gatewaySubnetCidr() {
        return Optional.of("10.20.255.0/27");
    }

    @Override
    public boolean tunnelsHaveOutsideAddresses() {
        return false;
    }

    @Override
    public void settle() {
        sim.world().settle(FRONT, SUBSCRIPTION, SETTLE_STEP);
    }

    @Override
    public long apiCalls() {
        return sim.world().calls().total(FRONT);
    }

    @Override
    public void revokeFirstIngressRuleByHand(Observation firewall) {
        String group = ArmIds.group(firewall.cloudId());
        String name = ArmIds.name(firewall.cloudId());
        NetworkSecurityGroupInner nsg = byHand.network().getNetworkSecurityGroups().getByResourceGroup(group, name);
        nsg.securityRules().remove(0);
        byHand.network().getNetworkSecurityGroups().beginCreateOrUpdate(group, name, nsg);
    }

    /** Replaces the gateway's custom BGP addresses, as someone in the portal would. */
    void setGatewayBgpAddressesByHand(Observation gateway, List<String> addresses) {
        String group = ArmIds.group(gateway.cloudId());
        String name = ArmIds.name(gateway.cloudId());
        VirtualNetworkGatewayInner inner = byHand.network().getVirtualNetworkGateways().getByResourceGroup(group, name);
        String ipConfiguration = inner.bgpSettings().bgpPeeringAddresses().get(0).ipconfigurationId();
        inner.bgpSettings().withBgpPeeringAddresses(List.of(new IpConfigurationBgpPeeringAddress()
                .withIpconfigurationId(ipConfiguration).withCustomBgpIpAddresses(addresses)));
        byHand.network().getVirtualNetworkGateways().beginCreateOrUpdate(group, name, inner);
    }

    @Override
    public void plantUntaggedNetwork() {
        String group = "byhand-" + REGION;
        byHand.resources().getResourceGroups().createOrUpdate(group, new ResourceGroupInner().withLocation(REGION));
        byHand.network().getVirtualNetworks().beginCreateOrUpdate(group, "byhand-vnet", new VirtualNetworkInner()
                .withLocation(REGION).withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.99.0.0/16"))));
    }

    @Override
    public void close() {
        sim.close();
    }
}
