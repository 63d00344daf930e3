package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientPerKindAdapterTest {

    private static final class Adapter extends ClientPerKindAdapter {
        Adapter(Cloud cloud, ResourceClient... clients) {
            super(cloud, clients);
        }
    }

    /** A client that only knows what it serves; no verb is called in these tests. */
    private static ResourceClient client(Cloud cloud, ResourceKind kind) {
        return new OwnedResourceClient(cloud, kind) {
            @Override
            public List<Observation> observe(String clusterId, String region) {
                return List.of();
            }

            @Override
            protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
                throw new UnsupportedOperationException("not called by these tests");
            }

            @Override
            public void delete(Observation observed) {
                throw new UnsupportedOperationException("not called by these tests");
            }
        };
    }

    @Test
    void client_shouldBeTheOneServingTheKind_andNullForAKindWithoutOne() {
        ResourceClient network = client(Cloud.GCP, ResourceKind.NETWORK);
        ResourceClient subnet = client(Cloud.GCP, ResourceKind.SUBNET);
        Adapter adapter = new Adapter(Cloud.GCP, network, subnet);

        assertThat(adapter.cloud()).isEqualTo(Cloud.GCP);
        assertThat(adapter.client(ResourceKind.SUBNET)).isSameAs(subnet);
        assertThat(adapter.client(ResourceKind.INSTANCE)).isNull();
    }

    @Test
    void constructor_shouldRefuse_aClientOfAnotherCloud() {
        assertThatThrownBy(() -> new Adapter(Cloud.AWS, client(Cloud.AZURE, ResourceKind.NETWORK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the network client serves azure, not aws");
    }

    @Test
    void constructor_shouldRefuse_twoClientsOfOneKind() {
        assertThatThrownBy(() -> new Adapter(Cloud.AWS, client(Cloud.AWS, ResourceKind.NETWORK), client(Cloud.AWS, ResourceKind.NETWORK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two aws clients serve network");
    }
}
