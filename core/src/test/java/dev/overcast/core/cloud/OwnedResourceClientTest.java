package dev.overcast.core.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The adopt-or-create skeleton, branch by branch, on a client whose cloud holds what each test lists. */
class OwnedResourceClientTest {
    private static final String CLUSTER = "demo";
    private static final Resource DESIRED = new Resource("demo-network-gcp", ResourceKind.NETWORK, Cloud.GCP, "us-east4",
            new TreeMap<>(), new TreeSet<>());

    /** Records which hooks ran; {@code completesAfterStart} and {@code createsBeside} pick the cloud's variant. */
    private static final class Client extends OwnedResourceClient {
        private final List<Observation> listed;
        private final boolean completesAfterStart;
        private final boolean createsBeside;
        final List<String> calls = new ArrayList<>();

        Client(List<Observation> listed, boolean completesAfterStart, boolean createsBeside) {
            super(Cloud.GCP, ResourceKind.NETWORK);
            this.listed = listed;
            this.completesAfterStart = completesAfterStart;
            this.createsBeside = createsBeside;
        }

        @Override
        public List<Observation> observe(String clusterId, String region) {
            return listed;
        }

        @Override
        protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
            calls.add("start");
            return created(clusterId, desired, "new-id", ResourceState.CREATING, Map.of());
        }

        @Override
        protected Observation complete(String clusterId, Resource desired, Observation found, Dependencies dependencies) {
            calls.add("complete " + found.cloudId());
            return found;
        }

        @Override
        protected boolean completeAfterStart() {
            return completesAfterStart;
        }

        @Override
        protected void beingDeleted(Resource desired, Observation leaving) {
            if (!createsBeside) {
                super.beingDeleted(desired, leaving);
            }
        }

        @Override
        public void delete(Observation observed) {
            throw new UnsupportedOperationException("not called by these tests");
        }
    }

    private static Observation listed(String name, String cloudId, ResourceState state) {
        return new Observation(name, ResourceKind.NETWORK, Cloud.GCP, "us-east4", cloudId, state, new TreeMap<>(),
                OwnershipTags.of(Cloud.GCP, CLUSTER, name));
    }

    @Test
    void create_shouldStartTheResource_whenNoneOfItsNameExists() {
        Client client = new Client(List.of(listed("demo-network-other", "other", ResourceState.READY)), false, false);

        Observation created = client.create(CLUSTER, DESIRED, Dependencies.NONE);

        assertThat(created.cloudId()).isEqualTo("new-id");
        assertThat(client.calls).containsExactly("start");
    }

    @Test
    void create_shouldCompleteWhatItStarted_whenTheCloudCompletesAfterCreate() {
        Client client = new Client(List.of(), true, false);

        client.create(CLUSTER, DESIRED, Dependencies.NONE);

        assertThat(client.calls).containsExactly("start", "complete new-id");
    }

    @Test
    void create_shouldAdoptAndComplete_theResourceOfItsName() {
        Client client = new Client(List.of(listed(DESIRED.name(), "old-id", ResourceState.CREATING)), true, false);

        Observation adopted = client.create(CLUSTER, DESIRED, Dependencies.NONE);

        assertThat(adopted.cloudId()).isEqualTo("old-id");
        assertThat(client.calls).containsExactly("complete old-id");
    }

    @Test
    void create_shouldAdoptTheLiveResource_overOneOfTheSameNameBeingDeleted() {
        Client client = new Client(List.of(listed(DESIRED.name(), "leaving", ResourceState.DELETING),
                listed(DESIRED.name(), "live", ResourceState.READY)), false, false);

        assertThat(client.create(CLUSTER, DESIRED, Dependencies.NONE).cloudId()).isEqualTo("live");
        assertThat(client.calls).containsExactly("complete live");
    }

    @Test
    void create_shouldBeRefusedRetryably_whileTheResourceOfItsNameIsBeingDeleted() {
        Client client = new Client(List.of(listed(DESIRED.name(), "leaving", ResourceState.DELETING)), false, false);

        assertThatThrownBy(() -> client.create(CLUSTER, DESIRED, Dependencies.NONE))
                .isInstanceOfSatisfying(RetryableCloudException.class, e -> assertThat(e.code()).isEqualTo("resourceBeingDeleted"))
                .hasMessageContaining("network demo-network-gcp is still being deleted");
        assertThat(client.calls).isEmpty();
    }

    @Test
    void create_shouldStartANewResourceBesideTheOneBeingDeleted_whereNamesAreOnlyTags() {
        Client client = new Client(List.of(listed(DESIRED.name(), "leaving", ResourceState.DELETING)), true, true);

        assertThat(client.create(CLUSTER, DESIRED, Dependencies.NONE).cloudId()).isEqualTo("new-id");
        assertThat(client.calls).containsExactly("start", "complete new-id");
    }

    @Test
    void create_shouldRefuse_aResourceOfAnotherKind() {
        Client client = new Client(List.of(), false, false);
        Resource subnet = new Resource("demo-subnet-gcp-a", ResourceKind.SUBNET, Cloud.GCP, "us-east4", new TreeMap<>(), new TreeSet<>());

        assertThatThrownBy(() -> client.create(CLUSTER, subnet, Dependencies.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.calls).isEmpty();
    }
}
