package dev.overcast.clouds.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.contract.ContractChain;
import dev.overcast.core.cloud.contract.Convergence;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual network gateway takes 30 to 45 minutes on Azure. The create returns at once with the
 * gateway creating; it becomes ready only once the virtual clock has moved past its duration, which
 * in real time costs only the polls in between.
 */
class VirtualNetworkGatewayTimeTest {

    private static final Logger log = LoggerFactory.getLogger(VirtualNetworkGatewayTimeTest.class);

    @Test
    void gatewayCreate_shouldReturnCreating_andBecomeReadyOnlyAfterThirtyVirtualMinutes() {
        try (AzureTarget target = AzureTarget.on(CloudSimConfig.defaults())) {
            ContractChain chain = new ContractChain(target, "gateway-time");
            Convergence convergence = new Convergence(target, chain, 40);
            List<Resource> needed = chain.upTo(ResourceKind.VPN_GATEWAY);
            convergence.ensureAll(needed.subList(0, needed.size() - 1));
            Resource gateway = needed.get(needed.size() - 1);
            Map<String, Observation> ready = new TreeMap<>();
            needed.forEach(r -> Optional.ofNullable(convergence.observed(r.name())).ifPresent(o -> ready.put(r.name(), o)));
            ResourceClient gateways = target.adapter().client(ResourceKind.VPN_GATEWAY);

            long realStart = System.nanoTime();
            Instant virtualStart = target.sim().world().clock().now();
            Observation started = gateways.create(chain.clusterId(), gateway, chain.dependenciesOf(gateway, ready));
            long createMillis = (System.nanoTime() - realStart) / 1_000_000;
            int polls = 0;
            Optional<Observation> seen = Optional.empty();
            while (seen.map(o -> o.state() != ResourceState.READY).orElse(true) && polls < 60) {
                target.settle();
                seen = convergence.observe(ResourceKind.VPN_GATEWAY).stream().filter(o -> o.name().equals(gateway.name())).findFirst();
                polls++;
            }
            Duration virtual = Duration.between(virtualStart, target.sim().world().clock().now());
            long realMillis = (System.nanoTime() - realStart) / 1_000_000;

            log.info("virtual network gateway: create returned {} in {} ms real; ready after {} virtual ({} polls) and {} ms real",
                    started.state(), createMillis, virtual, polls, realMillis);
            assertThat(started.state()).isEqualTo(ResourceState.CREATING);
            assertThat(seen).get().extracting(Observation::state).isEqualTo(ResourceState.READY);
            assertThat(virtual).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
            convergence.removeAll(needed);
        }
    }
}
