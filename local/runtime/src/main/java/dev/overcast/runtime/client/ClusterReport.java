package dev.overcast.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.runtime.Table;

/** {@code overcast get ID} as text: the cluster's state, then its regions, resources, queue and conditions. */
final class ClusterReport {
    private ClusterReport() {
    }

    static String render(JsonNode cluster) {
        StringBuilder out = new StringBuilder();
        JsonNode progress = cluster.path("progress");
        out.append("cluster %s: %s%s%n".formatted(cluster.path("id").asText(), cluster.path("status").asText(),
                cluster.hasNonNull("statusReason") ? " (" + cluster.get("statusReason").asText() + ")" : ""));
        out.append("  clouds %s, %d of %d resources ready (%d%%)%n".formatted(Texts.joined(cluster.path("clouds")),
                progress.path("ready").asInt(), progress.path("planned").asInt(), progress.path("percent").asInt()));
        JsonNode phase = cluster.path("phase");
        if (!phase.isMissingNode() && !phase.isNull()) {
            out.append("  running %s: %s, at %s%n".formatted(phase.path("flow").asText(),
                    phase.path("executionStatus").asText(), phase.path("state").asText("-")));
        }
        out.append("\nregions\n");
        Table regions = new Table("from", "to", "rtt", "source");
        cluster.path("regions").path("pairs").forEach(p -> regions.row(p.path("a").asText(), p.path("b").asText(),
                "%.2f ms".formatted(p.path("rttMillis").asDouble()), p.path("measured").asBoolean() ? "measured" : "estimate"));
        if (cluster.path("regions").path("pairs").isEmpty()) {
            cluster.path("regions").path("regions").forEach(r -> out.append("  %s/%s%n".formatted(
                    r.path("cloud").asText(), r.path("region").asText())));
        } else {
            regions.renderTo(out);
        }
        out.append("\nresources\n");
        Table resources = new Table("cloud", "name", "kind", "region", "state", "id");
        cluster.path("resources").fields().forEachRemaining(cloud -> cloud.getValue().forEach(r -> resources.row(cloud.getKey(),
                r.path("name").asText(), r.path("kind").asText(), r.path("region").asText(), r.path("state").asText(),
                r.path("cloudId").asText("-"))));
        resources.renderTo(out);
        JsonNode reconcile = cluster.path("lastReconcile");
        if (!reconcile.isMissingNode() && !reconcile.isNull()) {
            out.append("\nlast reconcile at %s: %d repair(s)%n".formatted(reconcile.path("at").asText(),
                    reconcile.path("repairs").size()));
            reconcile.path("repairs").forEach(r -> out.append("  %s %s %s%n".formatted(r.path("step").asText(),
                    r.path("status").asText(), r.path("detail").asText(""))));
        }
        if (!cluster.path("queuedChanges").isEmpty()) {
            out.append("\nqueued changes\n");
            cluster.path("queuedChanges").forEach(c -> out.append("  #%d %s %s%n".formatted(c.path("seq").asLong(),
                    c.path("kind").asText(), c.path("payload").toString())));
        }
        out.append("\nconditions\n");
        Table conditions = new Table("type", "status", "reason", "message");
        cluster.path("conditions").forEach(c -> conditions.row(c.path("type").asText(), c.path("status").asText(),
                c.path("reason").asText("-"), c.path("message").asText("")));
        conditions.renderTo(out);
        return out.toString();
    }
}
