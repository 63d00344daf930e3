package dev.overcast.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven, after crossplane-runtime's reconciler tests: name → {given plan and observations, want actions}. */
class DiffTest {
    private static final String CLUSTER = "demo";

    private static final Resource NETWORK = resource("demo-network-gcp", ResourceKind.NETWORK, Map.of(Attributes.CIDR, "10.20.0.0/16"));
    private static final Resource SUBNET = resource("demo-subnet-gcp-a", ResourceKind.SUBNET,
            Map.of(Attributes.NETWORK_REF, "demo-network-gcp", Attributes.CIDR, "10.20.0.0/20", Attributes.ZONE, "us-east4-a"), "demo-network-gcp");
    private static final Resource FIREWALL = resource("demo-firewall-gcp", ResourceKind.FIREWALL,
            Map.of(Attributes.NETWORK_REF, "demo-network-gcp", Attributes.INGRESS, "tcp:6443:0.0.0.0/0"), "demo-network-gcp");
    private static final Resource MASTER = resource("demo-instance-master-0", ResourceKind.INSTANCE,
            Map.of(Attributes.ROLE, "master", Attributes.INSTANCE_TYPE, "n2-standard-4", Attributes.SUBNET_REF, "demo-subnet-gcp-a",
                    Attributes.FIREWALL_REF, "demo-firewall-gcp"), "demo-subnet-gcp-a", "demo-firewall-gcp");
    private static final List<Resource> ALL = List.of(NETWORK, SUBNET, FIREWALL, MASTER);

    private static Resource resource(String name, ResourceKind kind, Map<String, String> attributes, String... dependsOn) {
        return new Resource(name, kind, Cloud.GCP, "us-east4", new TreeMap<>(attributes), new TreeSet<>(List.of(dependsOn)));
    }

    /** What the cloud reports for a planned resource, owned by the cluster, with its attributes as planned. */
    private static Observation seen(Resource r, ResourceState state) {
        return new Observation(r.name(), r.kind(), r.cloud(), r.region(), "id-" + r.name(), state, r.attributes(),
                OwnershipTags.of(r.cloud(), CLUSTER, r.name()));
    }

    private static Observation seen(Resource r) {
        return seen(r, ResourceState.READY);
    }

    private static Observation drifted(Resource r, String key, String value) {
        Map<String, String> attributes = new TreeMap<>(r.attributes());
        attributes.put(key, value);
        return new Observation(r.name(), r.kind(), r.cloud(), r.region(), "id-" + r.name(), ResourceState.READY,
                new TreeMap<>(attributes), OwnershipTags.of(r.cloud(), CLUSTER, r.name()));
    }

    private static Observation orphan(String name, ResourceKind kind, String owner) {
        return new Observation(name, kind, Cloud.GCP, "us-east4", "id-" + name, ResourceState.READY, null,
                owner == null ? Map.of() : OwnershipTags.of(Cloud.GCP, owner, name));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing exists: create everything in dependency order",
                        ALL, List.of(),
                        List.of("CREATE demo-network-gcp [missing]", "CREATE demo-subnet-gcp-a [missing]",
                                "CREATE demo-firewall-gcp [missing]", "CREATE demo-instance-master-0 [missing]")),
                Arguments.of("everything as planned: nothing to do",
                        ALL, ALL.stream().map(DiffTest::seen).toList(),
                        List.of()),
                Arguments.of("one missing: create only it",
                        ALL, List.of(seen(NETWORK), seen(SUBNET), seen(MASTER)),
                        List.of("CREATE demo-firewall-gcp [missing]")),
                Arguments.of("drifted attribute: update naming the key",
                        ALL, List.of(seen(NETWORK), seen(SUBNET), drifted(FIREWALL, Attributes.INGRESS, "tcp:22:0.0.0.0/0"), seen(MASTER)),
                        List.of("UPDATE demo-firewall-gcp [ingress]")),
                Arguments.of("attribute the cloud does not report back: not drift",
                        ALL, List.of(seen(NETWORK), seen(SUBNET), seen(FIREWALL),
                                new Observation(MASTER.name(), MASTER.kind(), Cloud.GCP, "us-east4", "id", ResourceState.READY,
                                        new TreeMap<>(Map.of(Attributes.ROLE, "master")), OwnershipTags.of(Cloud.GCP, CLUSTER, MASTER.name()))),
                        List.of()),
                Arguments.of("owned but not planned: delete, dependants first",
                        ALL, Stream.concat(ALL.stream().map(DiffTest::seen), Stream.of(
                                orphan("demo-subnet-gcp-z", ResourceKind.SUBNET, CLUSTER),
                                orphan("demo-instance-gcp-7", ResourceKind.INSTANCE, CLUSTER))).toList(),
                        List.of("DELETE demo-instance-gcp-7 [orphan]", "DELETE demo-subnet-gcp-z [orphan]")),
                Arguments.of("not owned by this cluster: never touched",
                        ALL, Stream.concat(ALL.stream().map(DiffTest::seen), Stream.of(
                                orphan("someone-elses-vm", ResourceKind.INSTANCE, null),
                                orphan("other-instance-master-0", ResourceKind.INSTANCE, "other"))).toList(),
                        List.of()),
                Arguments.of("a planned name without our tags is not ours: create ours",
                        ALL, List.of(seen(NETWORK), seen(SUBNET), seen(FIREWALL), orphan(MASTER.name(), ResourceKind.INSTANCE, "other")),
                        List.of("CREATE demo-instance-master-0 [missing]")),
                Arguments.of("failed: delete then create",
                        ALL, List.of(seen(NETWORK), seen(SUBNET, ResourceState.FAILED), seen(FIREWALL), seen(MASTER, ResourceState.FAILED)),
                        List.of("DELETE demo-instance-master-0 [failed]", "DELETE demo-subnet-gcp-a [failed]",
                                "CREATE demo-subnet-gcp-a [failed]", "CREATE demo-instance-master-0 [failed]")),
                Arguments.of("still creating or deleting: wait for it to settle",
                        ALL, List.of(seen(NETWORK), seen(SUBNET, ResourceState.CREATING), drifted(FIREWALL, Attributes.INGRESS, "x").withState(ResourceState.UPDATING),
                                seen(MASTER, ResourceState.DELETING), orphan("demo-instance-gcp-9", ResourceKind.INSTANCE, CLUSTER).withState(ResourceState.DELETING)),
                        List.of()),
                Arguments.of("two owned copies of one name: keep the ready one, delete the other",
                        ALL, Stream.concat(ALL.stream().map(DiffTest::seen), Stream.of(
                                new Observation(MASTER.name(), MASTER.kind(), Cloud.GCP, "us-east4", "id-copy", ResourceState.CREATING, null,
                                        OwnershipTags.of(Cloud.GCP, CLUSTER, MASTER.name())))).toList(),
                        List.of("DELETE demo-instance-master-0 [orphan]")),
                Arguments.of("empty plan: delete everything owned in reverse dependency order",
                        List.of(), ALL.stream().map(DiffTest::seen).toList(),
                        List.of("DELETE demo-instance-master-0 [orphan]", "DELETE demo-firewall-gcp [orphan]",
                                "DELETE demo-subnet-gcp-a [orphan]", "DELETE demo-network-gcp [orphan]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void between_shouldYieldTheWantedActions(String name, List<Resource> plan, List<Observation> observed, List<String> want) {
        List<Action> actions = Diff.between(new Plan(CLUSTER, "1.31", null, null, plan), observed);

        assertThat(actions).extracting(Action::toString).containsExactlyElementsOf(want);
    }
}
