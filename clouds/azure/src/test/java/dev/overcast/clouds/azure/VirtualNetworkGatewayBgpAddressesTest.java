package dev.overcast.clouds.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.contract.ContractChain;
import dev.overcast.core.cloud.contract.Convergence;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway is created with every planned custom BGP address, so its tunnel is built without a
 * gateway update; a change of those addresses by hand is drift that update writes back, once.
 */
class VirtualNetworkGatewayBgpAddressesTest {

    private static final String GATEWAY_PUT = "PUT virtualNetworkGateways";
    /** Long enough for a 38-minute gateway and a 10-minute update in one-minute settle steps. */
    private static final int ROUNDS = 60;

    @Test
    void tunnel_shouldBeBuiltWithoutAGatewayUpdate_whenTheGatewayWasCreatedWithItsAddress() {
        try (AzureTarget target = AzureTarget.on(CloudSimConfig.defaults())) {
            ContractChain chain = new ContractChain(target, "bgp-at-create");
            Convergence convergence = new Convergence(target, chain, ROUNDS);
            List<Resource> needed = chain.resources().stream().filter(r -> r.kind() != ResourceKind.INSTANCE).toList();

            convergence.ensureAll(needed);

            Resource gateway = chain.of(ResourceKind.VPN_GATEWAY);
            assertThat(convergence.observed(gateway.name()).attribute(Attributes.CUSTOM_BGP_ADDRESSES))
                    .isEqualTo(gateway.attribute(Attributes.CUSTOM_BGP_ADDRESSES));
            assertThat(target.sim().world().calls().count(AzureTarget.FRONT, GATEWAY_PUT)).isEqualTo(1);
            convergence.removeAll(needed);
        }
    }

    @Test
    void update_shouldWriteThePlannedAddressesBackOnce_whenTheyWereChangedByHand() {
        try (AzureTarget target = AzureTarget.on(CloudSimConfig.defaults())) {
            ContractChain chain = new ContractChain(target, "bgp-drift");
            Convergence convergence = new Convergence(target, chain, ROUNDS);
            List<Resource> needed = chain.upTo(ResourceKind.VPN_GATEWAY);
            convergence.ensureAll(needed);
            Resource gateway = chain.of(ResourceKind.VPN_GATEWAY);
            ResourceClient gateways = target.adapter().client(ResourceKind.VPN_GATEWAY);

            target.setGatewayBgpAddressesByHand(convergence.observed(gateway.name()), List.of("169.254.22.9", "169.254.21.1"));
            Observation drifted = settled(target, convergence, gateway);
            assertThat(drifted.attribute(Attributes.CUSTOM_BGP_ADDRESSES)).isEqualTo("169.254.21.1,169.254.22.9");
            long putsBefore = target.sim().world().calls().count(AzureTarget.FRONT, GATEWAY_PUT);

            Dependencies none = chain.dependenciesOf(gateway, Map.of());
            Observation updating = gateways.update(chain.clusterId(), gateway, drifted, none);
            // A flow that crashed after the update calls it again with the same old observation.
            gateways.update(chain.clusterId(), gateway, drifted, none);

            assertThat(updating.state()).isEqualTo(ResourceState.CREATING);
            assertThat(target.sim().world().calls().count(AzureTarget.FRONT, GATEWAY_PUT)).isEqualTo(putsBefore + 1);
            Observation repaired = settled(target, convergence, gateway);
            assertThat(repaired.attribute(Attributes.CUSTOM_BGP_ADDRESSES)).isEqualTo(gateway.attribute(Attributes.CUSTOM_BGP_ADDRESSES));
            assertThat(gateways.update(chain.clusterId(), gateway, repaired, none)).isSameAs(repaired);
            assertThat(target.sim().world().calls().count(AzureTarget.FRONT, GATEWAY_PUT)).isEqualTo(putsBefore + 1);
            convergence.removeAll(needed);
        }
    }

    /** The gateway once it is ready again (a gateway update takes minutes). */
    private static Observation settled(AzureTarget target, Convergence convergence, Resource gateway) {
        for (int round = 0; round < ROUNDS; round++) {
            target.settle();
            Observation seen = convergence.observe(ResourceKind.VPN_GATEWAY).stream()
                    .filter(o -> o.name().equals(gateway.name())).findFirst().orElseThrow();
            if (seen.state() == ResourceState.READY) {
                return seen;
            }
        }
        throw new AssertionError(gateway.name() + " not ready again after " + ROUNDS + " rounds");
    }
}
