package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.runtime.world.LocalWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cluster specs and flow runs as the benchmarks use them: a flow that does not succeed ends the benchmark. */
final class ClusterFlows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterFlows() {
    }

    /** A spec file (YAML) relative to the checkout, as JSON. */
    static ObjectNode spec(Path file) {
        try {
            return (ObjectNode) new YAMLMapper().readTree(Files.readString(BenchReport.home().resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec " + file, e);
        }
    }

    static Plan plan(JsonNode spec) {
        return Planner.standard().plan(SpecReader.parseJson(spec.toString()));
    }

    static ExecutionResult create(LocalWorld world, JsonNode spec) {
        // A bench cluster's name serves as its id, so the plan above names what the flow builds.
        ObjectNode input = JSON.createObjectNode().put("tenant", "bench").put("clusterId", spec.get("name").asText());
        input.set("spec", spec);
        return succeed(world, "create-cluster", input);
    }

    static ExecutionResult destroy(LocalWorld world, String clusterId) {
        return succeed(world, "destroy-cluster", JSON.createObjectNode().put("clusterId", clusterId));
    }

    static ExecutionResult reconcile(LocalWorld world, String clusterId) {
        return succeed(world, "reconcile-cluster", JSON.createObjectNode().put("clusterId", clusterId).put("purpose", "reconcile"));
    }

    static ExecutionResult succeed(LocalWorld world, String flow, JsonNode input) {
        ExecutionResult result = world.run(flow, input);
        if (!result.succeeded()) {
            throw new IllegalStateException(flow + " " + result.status() + ": " + result.error() + ": " + result.cause());
        }
        return result;
    }
}
