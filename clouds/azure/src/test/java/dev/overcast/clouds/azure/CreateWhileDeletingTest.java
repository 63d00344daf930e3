package dev.overcast.clouds.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.contract.ContractChain;
import dev.overcast.core.cloud.contract.Convergence;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import org.junit.jupiter.api.Test;

/**
 * An ARM resource id is the resource: while a gateway of the planned name is being deleted (15 minutes),
 * a create would address the one that is leaving, so it is refused retryably and no PUT is sent.
 */
class CreateWhileDeletingTest {

    @Test
    void create_shouldBeRefusedRetryably_whileTheGatewayOfItsNameIsBeingDeleted() {
        try (AzureTarget target = AzureTarget.on(CloudSimConfig.defaults())) {
            ContractChain chain = new ContractChain(target, "leaving");
            Convergence convergence = new Convergence(target, chain, 60);
            convergence.ensureAll(chain.upTo(ResourceKind.VPN_GATEWAY));
            Resource gateway = chain.of(ResourceKind.VPN_GATEWAY);
            ResourceClient client = target.adapter().client(ResourceKind.VPN_GATEWAY);

            client.delete(convergence.observed(gateway.name()));

            assertThat(client.observe(chain.clusterId(), target.region())).filteredOn(o -> o.name().equals(gateway.name()))
                    .extracting(Observation::state).containsExactly(ResourceState.DELETING);
            assertThatThrownBy(() -> client.create(chain.clusterId(), gateway, Dependencies.NONE))
                    .isInstanceOfSatisfying(RetryableCloudException.class, e -> assertThat(e.code()).isEqualTo("resourceBeingDeleted"));
        }
    }
}
