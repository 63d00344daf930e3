package dev.overcast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.cloud.Cloud;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import dev.overcast.core.spec.SpecValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        assertThat(plan.resources()).filteredOn(r -> r.kind() == ResourceKind.VPN_TUNNEL).hasSize(clouds * (clouds - 1));
        assertThat(plan.resources()).filteredOn(r -> r.kind() == ResourceKind.INSTANCE)
                .hasSize(spec.masters().count() + clouds * spec.workers(spec.cloudList().get(0)).count());
        assertThat(PlanJson.write(Planner.standard().plan(spec))).isEqualTo(PlanJson.write(plan));
    }
}
