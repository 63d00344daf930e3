package dev.overcast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import dev.overcast.core.spec.SpecValidator;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Over random valid specs: a plan is a DAG in creation order, deterministic, with a tunnel pair per cloud pair. */
class PlannerPropertiesTest {

    @Provide
    Arbitrary<ClusterSpec> specs() {
        Arbitrary<List<String>> clouds = Arbitraries.of(Cloud.values()).set().ofMinSize(1).ofMaxSize(3)
                .map(s -> s.stream().map(Cloud::id).sorted().toList());
        Arbitrary<String> near = Arbitraries.of(RegionCatalog.standard().metros());
        Arbitrary<Integer> masters = Arbitraries.of(1, 3, 5);
        Arbitrary<Integer> workers = Arbitraries.integers().between(0, 12);
        Arbitrary<String> size = Arbitraries.of("small", "medium", "large", "xlarge");
        return Combinators.combine(clouds, near, masters, workers, size).as((cs, place, m, w, sz) -> {
            Map<String, MachinePool> pools = new TreeMap<>();
            cs.forEach(c -> pools.put(c, new MachinePool(w, sz)));
            return new ClusterSpec("prop", cs, null, place, new MachinePool(m, sz), pools, null, null);
        });
    }

    @Property(tries = 150)
    void plan_shouldBeAValidDeterministicDag(@ForAll("specs") ClusterSpec spec) {
        // Some places have no set of regions within 10 ms for some clouds: those specs are invalid.
        Assume.that(SpecValidator.standard().validate(spec).isEmpty());

        Plan plan = Planner.standard().plan(spec);

        Set<String> created = new HashSet<>();
        for (Resource r : plan.creationOrder()) {
            assertThat(created).containsAll(r.dependsOn());
            created.add(r.name());
        }
        int clouds = spec.cloudList().size();
        // Two per side for every pair, and one more on each side of AWS–GCP (its second VPN connection).
        int awsGcp = spec.cloudList().containsAll(List.of(Cloud.AWS, Cloud.GCP)) ? 2 : 0;
        assertThat(plan.resources()).filteredOn(r -> r.kind() == ResourceKind.VPN_TUNNEL).hasSize(clouds * (clouds - 1) + awsGcp);
        List<String> insideRanges = plan.resources().stream().filter(r -> r.kind() == ResourceKind.VPN_TUNNEL && r.cloud() != Cloud.AZURE)
                .flatMap(r -> Stream.of(r.attribute(Attributes.INSIDE_CIDR), r.attribute(Attributes.SECONDARY_INSIDE_CIDR)))
                .filter(Objects::nonNull).toList();
        // Each /30 is used by the one tunnel on each side of it, never by two tunnels on one cloud.
        assertThat(plan.resources()).filteredOn(r -> r.kind() == ResourceKind.VPN_TUNNEL && r.cloud() != Cloud.AZURE)
                .extracting(r -> r.cloud() + " " + r.attribute(Attributes.INSIDE_CIDR)).doesNotHaveDuplicates();
        assertThat(insideRanges).allSatisfy(cidr -> assertThat(Collections.frequency(insideRanges, cidr)).isLessThanOrEqualTo(2));
        assertThat(plan.resources()).filteredOn(r -> r.kind() == ResourceKind.INSTANCE)
                .hasSize(spec.masters().count() + clouds * spec.workers(spec.cloudList().get(0)).count());
        assertThat(PlanJson.write(Planner.standard().plan(spec))).isEqualTo(PlanJson.write(plan));
    }
}
