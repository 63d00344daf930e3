package dev.overcast.core.cloud.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cloud SPI's contract, the same for every adapter: extend it with a {@link ContractTarget} for the
 * cloud under test. Each test works on its own cluster id and cleans up what it made.
 */
public abstract class CloudAdapterContract {

    private static final int ROUNDS = 40;

    protected ContractTarget target;

    /** A target for one test: the adapter, wired to the cloud it talks to. */
    protected abstract ContractTarget openTarget();

    @BeforeEach
    void openTheTarget() {
        target = openTarget();
    }

    @AfterEach
    void closeTheTarget() {
        target.close();
    }

    @Test
    void everyKind_shouldBecomeReadyAsPlanned_andLeaveNothing_whenCreatedThenDeleted() {
        ContractChain chain = new ContractChain(target, "contract-every");
        Convergence convergence = new Convergence(target, chain, ROUNDS);

        convergence.ensureAll(chain.resources());

        for (Resource resource : chain.resources()) {
            Observation seen = convergence.observed(resource.name());
            assertThat(seen.tags()).as("ownership tags of %s", resource.name())
                    .containsAllEntriesOf(OwnershipTags.of(target.adapter().cloud(), chain.clusterId(), resource.name()));
            assertThat(drift(resource, seen)).as("attributes of %s", resource.name()).isEmpty();
        }
        assertThat(outputOf(convergence, chain, ResourceKind.PUBLIC_IP, Outputs.PUBLIC_IP)).isNotBlank();
        if (target.tunnelsHaveOutsideAddresses()) {
            assertThat(outputOf(convergence, chain, ResourceKind.VPN_TUNNEL, Outputs.PUBLIC_IP)).isNotBlank();
            assertThat(outputOf(convergence, chain, ResourceKind.VPN_TUNNEL, Outputs.SECONDARY_PUBLIC_IP)).isNotBlank();
        }
        assertThat(outputOf(convergence, chain, ResourceKind.VPN_TUNNEL, Outputs.TUNNEL_STATUS)).isIn("UP", "DOWN");
        assertThat(outputOf(convergence, chain, ResourceKind.INSTANCE, Outputs.PRIVATE_IP)).startsWith("10.20.1.");

        List<Observation> last = chain.resources().stream().map(r -> convergence.observed(r.name())).toList();
        convergence.removeAll(chain.resources());

        for (ResourceKind kind : ResourceKind.values()) {
            assertThat(convergence.observe(kind)).as("%s left after delete", kind).isEmpty();
        }
        for (Observation gone : last) {
            assertThatCode(() -> target.adapter().client(gone.kind()).delete(gone))
                    .as("deleting %s again", gone.name()).doesNotThrowAnyException();
        }
    }

    @Test
    void create_shouldReturnTheSameResource_whenCalledAgainForEveryKind() {
        ContractChain chain = new ContractChain(target, "contract-again");
        Convergence convergence = new Convergence(target, chain, ROUNDS);
        convergence.ensureAll(chain.resources());
        Map<String, Observation> ready = new TreeMap<>();
        chain.resources().forEach(r -> ready.put(r.name(), convergence.observed(r.name())));

        for (Resource resource : chain.resources()) {
            ResourceClient client = target.adapter().client(resource.kind());
            Observation again = client.create(chain.clusterId(), resource, chain.dependenciesOf(resource, ready));

            assertThat(again.cloudId()).as("second create of %s", resource.name()).isEqualTo(ready.get(resource.name()).cloudId());
            assertThat(convergence.observe(resource.kind())).as("%s observed once", resource.name())
                    .filteredOn(o -> o.name().equals(resource.name())).hasSize(1);
        }
        convergence.removeAll(chain.resources());
    }

    @Test
    void create_shouldStartCreating_andObserveShouldReportReady_onceSettled() {
        ContractChain chain = new ContractChain(target, "contract-states");
        Convergence convergence = new Convergence(target, chain, ROUNDS);
        List<Resource> needed = chain.upTo(ResourceKind.INSTANCE);
        Resource instance = needed.get(needed.size() - 1);
        convergence.ensureAll(needed.subList(0, needed.size() - 1));
        Map<String, Observation> ready = new TreeMap<>();
        needed.forEach(r -> ready.put(r.name(), convergence.observed(r.name())));

        Observation started = target.adapter().client(ResourceKind.INSTANCE)
                .create(chain.clusterId(), instance, chain.dependenciesOf(instance, ready));

        assertThat(started.state()).isEqualTo(ResourceState.CREATING);
        List<ResourceState> seen = new ArrayList<>();
        for (int round = 0; round < ROUNDS && !seen.contains(ResourceState.READY); round++) {
            convergence.observe(ResourceKind.INSTANCE).stream().filter(o -> o.name().equals(instance.name()))
                    .forEach(o -> seen.add(o.state()));
            target.settle();
        }
        assertThat(new TreeSet<>(seen)).isSubsetOf(ResourceState.CREATING, ResourceState.READY);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(ResourceState.READY);
        convergence.removeAll(needed);
    }

    @Test
    void observe_shouldReturnOnlyTheClustersOwnResources_whenOthersExist() {
        ContractChain mine = new ContractChain(target, "contract-mine");
        ContractChain theirs = new ContractChain(target, "contract-theirs");
        Convergence myConvergence = new Convergence(target, mine, ROUNDS);
        Convergence theirConvergence = new Convergence(target, theirs, ROUNDS);
        myConvergence.ensure(mine.of(ResourceKind.NETWORK));
        theirConvergence.ensure(theirs.of(ResourceKind.NETWORK));
        target.plantUntaggedNetwork();

        List<Observation> observed = myConvergence.observe(ResourceKind.NETWORK);

        assertThat(observed).extracting(Observation::name).containsExactly(mine.of(ResourceKind.NETWORK).name());
        assertThat(observed).allMatch(o -> OwnershipTags.ownedBy(target.adapter().cloud(), o.tags(), mine.clusterId()));
        myConvergence.remove(mine.of(ResourceKind.NETWORK));
        theirConvergence.remove(theirs.of(ResourceKind.NETWORK));
    }

    @Test
    void observe_shouldMakeTheSameNumberOfCalls_whenOneOrFourResourcesExist() {
        Assumptions.assumeTrue(target.countsApiCalls(), "this target cannot count API calls");
        ContractChain chain = new ContractChain(target, "contract-batched");
        Convergence convergence = new Convergence(target, chain, ROUNDS);
        Resource network = chain.of(ResourceKind.NETWORK);
        Resource firstSubnet = chain.of(ResourceKind.SUBNET);
        convergence.ensureAll(List.of(network, firstSubnet));
        long withOne = callsToObserveEveryKind(convergence);

        List<Resource> more = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            Map<String, String> attributes = new TreeMap<>(firstSubnet.attributes());
            attributes.put(Attributes.CIDR, "10.20." + i + ".0/24");
            more.add(new Resource(firstSubnet.name() + i, ResourceKind.SUBNET, firstSubnet.cloud(), firstSubnet.region(),
                    new TreeMap<>(attributes), firstSubnet.dependsOn()));
        }
        convergence.ensureAll(more);
        long withFour = callsToObserveEveryKind(convergence);

        assertThat(convergence.observe(ResourceKind.SUBNET)).hasSize(4);
        assertThat(withFour).isEqualTo(withOne);
        convergence.removeAll(more);
        convergence.removeAll(List.of(network, firstSubnet));
    }

    @Test
    void update_shouldRestoreTheFirewall_whenARuleWasRevokedByHand() {
        ContractChain chain = new ContractChain(target, "contract-drift");
        Convergence convergence = new Convergence(target, chain, ROUNDS);
        List<Resource> needed = chain.upTo(ResourceKind.FIREWALL);
        convergence.ensureAll(needed);
        Resource firewall = chain.of(ResourceKind.FIREWALL);
        target.revokeFirstIngressRuleByHand(convergence.observed(firewall.name()));
        Observation drifted = only(convergence.observe(ResourceKind.FIREWALL));
        assertThat(drifted.attribute(Attributes.INGRESS)).isNotEqualTo(firewall.attribute(Attributes.INGRESS));

        Map<String, Observation> ready = Map.of(chain.of(ResourceKind.NETWORK).name(), convergence.observed(chain.of(ResourceKind.NETWORK).name()));
        target.adapter().client(ResourceKind.FIREWALL).update(chain.clusterId(), firewall, drifted, chain.dependenciesOf(firewall, ready));

        assertThat(only(convergence.observe(ResourceKind.FIREWALL)).attribute(Attributes.INGRESS))
                .isEqualTo(firewall.attribute(Attributes.INGRESS));
        convergence.removeAll(needed);
    }

    private long callsToObserveEveryKind(Convergence convergence) {
        long before = target.apiCalls();
        for (ResourceKind kind : ResourceKind.values()) {
            convergence.observe(kind);
        }
        return target.apiCalls() - before;
    }

    private static String outputOf(Convergence convergence, ContractChain chain, ResourceKind kind, String key) {
        return convergence.observed(chain.of(kind).name()).attribute(key);
    }

    private static Observation only(List<Observation> observations) {
        assertThat(observations).hasSize(1);
        return observations.get(0);
    }

    /** Desired attributes the observation reads back with another value (diff's rule: keys on both sides). */
    private static Map<String, String> drift(Resource desired, Observation observed) {
        Map<String, String> drift = new TreeMap<>();
        desired.attributes().forEach((key, value) -> {
            String seen = observed.attribute(key);
            if (seen != null && !seen.equals(value)) {
                drift.put(key, seen + " (wanted " + value + ")");
            }
        });
        return drift;
    }
}
