package dev.overcast.runtime.demo;

import dev.overcast.asl.ExecutionResult;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.InventoryEntry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A flow's progress per cloud and phase while it runs, read from what the flow writes anyway: the
 * cluster row (status) and the inventory (what each round observed). On a terminal the rows are
 * redrawn in place; otherwise (a pipe, a file, a test) a row is printed whenever it changes, without
 * escape codes.
 */
final class LiveProgress {
    /** How often the store is read; the flow itself never waits for the display. */
    private static final long REFRESH_MILLIS = 250;
    private static final String UP_AND_CLEAR = "\033[%dA";
    private static final String CLEAR_LINE = "\033[2K";

    /** Phases of a cluster's build, each a group of kinds in the order the DAG mostly builds them. */
    enum Phase {
        NETWORK("network", List.of(ResourceKind.NETWORK, ResourceKind.SUBNET, ResourceKind.FIREWALL, ResourceKind.PUBLIC_IP)),
        GATEWAYS("gateways", List.of(ResourceKind.VPN_GATEWAY, ResourceKind.PEER_GATEWAY)),
        TUNNELS("tunnels", List.of(ResourceKind.VPN_TUNNEL)),
        MACHINES("machines", List.of(ResourceKind.INSTANCE));

        private final String label;
        private final List<ResourceKind> kinds;

        Phase(String label, List<ResourceKind> kinds) {
            this.label = label;
            this.kinds = kinds;
        }
    }

    /** Build: resources ready of those planned; teardown: resources still present. */
    enum View { BUILD, TEARDOWN }

    private final LocalWorld world;
    private final PrintWriter out;
    private final boolean terminal;

    LiveProgress(LocalWorld world, PrintWriter out, boolean terminal) {
        this.world = world;
        this.out = out;
        this.terminal = terminal;
    }

    /** One cloud's line: the cells, and when the round that produced them observed the cloud. */
    private record Row(String cells, Instant observedAt) {
    }

    /** Shows the flow's progress until it ends, and returns its result. */
    ExecutionResult follow(CompletableFuture<ExecutionResult> flow, String clusterId, Plan plan, View view, Instant since)
            throws InterruptedException {
        Map<Cloud, String> shown = new LinkedHashMap<>();
        int drawn = 0;
        while (true) {
            ExecutionResult result = poll(flow);
            Map<Cloud, Row> rows = rows(clusterId, plan, view);
            if (terminal) {
                String status = world.store().clusters().find(clusterId).map(c -> c.status().id()).orElse("-");
                if (drawn > 0) {
                    out.printf(UP_AND_CLEAR, drawn);
                }
                out.println(CLEAR_LINE + "  %-9s status %s".formatted(elapsed(since, world.clock().instant()), status));
                rows.forEach((cloud, row) -> out.println(CLEAR_LINE + "  %-9s %-6s %s".formatted("", cloud.id(), row.cells())));
                drawn = rows.size() + 1;
            } else {
                // Stamped with the observation's time, not the clock's: a Wait may move the clock on before this reads.
                rows.forEach((cloud, row) -> {
                    if (!row.cells().equals(shown.get(cloud))) {
                        out.println("  %-9s %-6s %s".formatted(elapsed(since, row.observedAt()), cloud.id(), row.cells()));
                    }
                });
            }
            rows.forEach((cloud, row) -> shown.put(cloud, row.cells()));
            out.flush();
            if (result != null) {
                return result;
            }
        }
    }

    private static String elapsed(Instant since, Instant at) {
        return "+" + Demo.duration(Duration.between(since, at.isBefore(since) ? since : at));
    }

    private static ExecutionResult poll(CompletableFuture<ExecutionResult> flow) throws InterruptedException {
        try {
            return flow.get(REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new DemoDiverged("the flow could not run: " + e.getCause(), e.getCause());
        }
    }

    private Map<Cloud, Row> rows(String clusterId, Plan plan, View view) {
        List<InventoryEntry> inventory = world.store().inventory().list(clusterId);
        Instant now = world.clock().instant();
        Map<Cloud, Row> rows = new LinkedHashMap<>();
        for (Cloud cloud : plan.regions().regions().keySet()) {
            List<String> cells = new ArrayList<>();
            for (Phase phase : Phase.values()) {
                long planned = plan.resources().stream().filter(r -> r.cloud() == cloud && phase.kinds.contains(r.kind())).count();
                long present = inventory.stream().filter(e -> e.cloud() == cloud && phase.kinds.contains(e.kind())).count();
                long ready = plan.resources().stream().filter(r -> r.cloud() == cloud && phase.kinds.contains(r.kind()))
                        .map(Resource::name)
                        .filter(name -> inventory.stream().anyMatch(e -> e.name().equals(name) && e.state() == ResourceState.READY))
                        .count();
                cells.add(view == View.BUILD
                        ? "%s %d/%d%s".formatted(phase.label, ready, planned, ready == planned ? " ok" : "   ")
                        : "%s %d left%s".formatted(phase.label, present, present == 0 ? " ok" : "   "));
            }
            Instant observed = inventory.stream().filter(e -> e.cloud() == cloud).map(InventoryEntry::observedAt)
                    .max(Instant::compareTo).orElse(now);
            rows.put(cloud, new Row(String.join("   ", cells).stripTrailing(), observed));
        }
        return rows;
    }
}
