package dev.overcast.runtime.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cluster.ClusterIds;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.runtime.Table;
import dev.overcast.runtime.plan.PlanReport;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.ProgressEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * The whole story of one cluster in one run of the local world: plan, create across three clouds,
 * break things by hand, let the hourly schedule repair them, scale, destroy, and prove every account
 * is as it was. Each step checks its outcome and throws {@link DemoDiverged} when it is not the one
 * the story promises.
 */
final class Demo {
    static final String SPEC = "examples/three-clouds.yaml";
    static final String SCHEDULE_EVENT = "events/schedule/hourly.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The port a person opens by hand in the demo: SSH to the world. */
    private static final int SSH = 22;

    /** One flow run: its outcome and what it cost. */
    record Chapter(String flow, ExecutionResult result, Duration virtual, Duration real, Map<Cloud, Long> calls) {
    }

    private final LocalWorld world;
    private final Path repository;
    private final PrintWriter out;
    private final LiveProgress progress;
    private final List<Chapter> chapters = new ArrayList<>();
    private final Map<Cloud, String> accounts = new EnumMap<>(Map.of(Cloud.AWS, LocalWorld.AWS_ACCOUNT,
            Cloud.GCP, LocalWorld.GCP_PROJECT, Cloud.AZURE, LocalWorld.AZURE_SUBSCRIPTION));
    private String clusterName;
    private String clusterId;
    private Plan plan;

    Demo(LocalWorld world, Path repository, PrintWriter out, boolean terminal) {
        this.world = world;
        this.repository = repository;
        this.out = out;
        this.progress = new LiveProgress(world, out, terminal);
    }

    /** Runs the story; true when every account ended as it began. */
    boolean run() throws InterruptedException {
        Map<Cloud, Snapshot> before = snapshots();
        Map<Cloud, Long> callsBefore = calls();
        Instant start = world.clock().instant();

        plan();
        create();
        List<String> broken = breakByHand();
        scheduledReconcile(broken);
        heading("5. Scale workers: up on gcp, down on azure");
        scale(Cloud.GCP, 3);
        scale(Cloud.AZURE, 1);
        destroy();

        Map<Cloud, Snapshot> after = snapshots();
        List<String> differences = new ArrayList<>();
        before.forEach((cloud, snapshot) -> after.get(cloud).diff(snapshot).forEach(d -> differences.add(cloud.id() + ": " + d)));
        summary(callsBefore, Duration.between(start, world.clock().instant()));
        if (!differences.isEmpty()) {
            differences.forEach(d -> out.println("  left behind: " + d));
            out.println("accounts identical to before: no");
            out.flush();
            return false;
        }
        out.println("accounts identical to before: yes");
        out.flush();
        return true;
    }

    private void plan() {
        heading("1. Plan: " + SPEC);
        ClusterSpec spec = SpecReader.read(repository.resolve(SPEC));
        // As the API does: the cluster's resources are named after an id drawn for it, not after its name.
        clusterName = spec.name();
        clusterId = ClusterIds.newId(clusterName, new SecureRandom());
        plan = Planner.standard().plan(clusterId, spec);
        out.print(PlanReport.regions(plan).indent(2));
        Map<Cloud, Long> perCloud = new EnumMap<>(Cloud.class);
        plan.resources().forEach(r -> perCloud.merge(r.cloud(), 1L, Long::sum));
        out.printf("  %d resources: %s%n", plan.resources().size(), String.join(", ",
                perCloud.entrySet().stream().map(e -> e.getValue() + " on " + e.getKey().id()).toList()));
    }

    private void create() throws InterruptedException {
        heading("2. Create cluster '" + clusterName + "' (internal id " + clusterId + ") on " + String.join(", ", clouds()));
        ObjectNode input = JSON.createObjectNode().put("tenant", "demo").put("clusterId", clusterId);
        try {
            input.set("spec", new YAMLMapper().readTree(repository.resolve(SPEC).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SPEC, e);
        }
        Chapter chapter = follow("create-cluster", input, LiveProgress.View.BUILD);
        expectStatus(ClusterStatus.READY);
        List<InventoryEntry> inventory = world.store().inventory().list(clusterId);
        List<String> notReady = plan.resources().stream().map(Resource::name)
                .filter(name -> inventory.stream().noneMatch(e -> e.name().equals(name) && e.state() == ResourceState.READY))
                .toList();
        if (!notReady.isEmpty()) {
            throw new DemoDiverged("the cluster is ready but these resources are not: " + notReady);
        }
        out.printf("  ready after %s virtual (%s real): %s%n", duration(chapter.virtual()), seconds(chapter.real()),
                world.store().clusters().get(clusterId).statusReason());
        Instant created = world.clock().instant().minus(chapter.virtual());
        for (Cloud cloud : plan.regions().regions().keySet()) {
            Instant last = inventory.stream().filter(e -> e.cloud() == cloud).map(InventoryEntry::observedAt)
                    .max(Instant::compareTo).orElse(created);
            out.printf("    %-6s all %d resources ready at +%s%n", cloud.id(),
                    inventory.stream().filter(e -> e.cloud() == cloud).count(), duration(Duration.between(created, last)));
        }
    }

    /** Deletes a subnet, a VPN tunnel and a worker, and opens SSH to the world on a firewall, as a person in a console might. */
    private List<String> breakByHand() {
        heading("3. Break things by hand in the clouds' consoles");
        List<String> broken = new ArrayList<>();
        InventoryEntry subnet = first(ResourceKind.SUBNET, Cloud.AWS, r -> dependants(r.name()).isEmpty());
        InventoryEntry tunnel = first(ResourceKind.VPN_TUNNEL, Cloud.AWS, r -> true);
        InventoryEntry worker = first(ResourceKind.INSTANCE, Cloud.AZURE, r -> !r.name().contains("-master-"));
        // The subnet through EC2's own API, which also drops its route table association, as the console does.
        try (Ec2Client ec2 = world.ec2ByHand(subnet.region())) {
            ec2.deleteSubnet(r -> r.subnetId(subnet.cloudId()));
        }
        broken.add(subnet.name());
        out.printf("  deleted %-11s %-28s %s in %s %s%n", subnet.kind().id(), subnet.name(), subnet.cloudId(), subnet.cloud().id(),
                subnet.region());
        for (InventoryEntry e : List.of(tunnel, worker)) {
            // cloudsim keys ARM resources by their id in lower case, as ARM compares ids.
            String id = e.cloud() == Cloud.AZURE ? e.cloudId().toLowerCase(Locale.ROOT) : e.cloudId();
            if (!world.cloudSim().world().deleteByHand(e.cloud().id(), accounts.get(e.cloud()), e.region(), id)) {
                throw new DemoDiverged("could not delete " + e.name() + " (" + e.cloudId() + ") by hand: the cloud does not have it");
            }
            broken.add(e.name());
            out.printf("  deleted %-11s %-28s %s in %s %s%n", e.kind().id(), e.name(), e.cloudId(), e.cloud().id(), e.region());
        }
        InventoryEntry firewall = first(ResourceKind.FIREWALL, Cloud.AWS, r -> true);
        try (Ec2Client ec2 = world.ec2ByHand(firewall.region())) {
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(firewall.cloudId()).ipProtocol("tcp")
                    .fromPort(SSH).toPort(SSH).cidrIp("0.0.0.0/0"));
        }
        out.printf("  changed %-11s %-28s %s: opened tcp/%d to 0.0.0.0/0%n", firewall.kind().id(), firewall.name(),
                firewall.cloudId(), SSH);
        return broken;
    }

    /** Advances to the next full hour and delivers the schedule's EventBridge event to reconcile-all, as the rule would. */
    private void scheduledReconcile(List<String> broken) throws InterruptedException {
        Instant hour = world.clock().instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        heading("4. The hourly schedule fires at " + hour + ": reconcile-all");
        world.clock().advanceTo(hour);
        ObjectNode event;
        try {
            event = (ObjectNode) JSON.readTree(repository.resolve(SCHEDULE_EVENT).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEDULE_EVENT, e);
        }
        event.put("time", hour.toString());
        Instant since = world.clock().instant();
        Chapter chapter = run("reconcile-all", event);
        expectStatus(ClusterStatus.READY);
        List<ProgressEvent> repairs = changesSince(since);
        repairs.forEach(e -> out.printf("  repaired: %-6s %-7s %s%n", e.step().substring("converge-".length()), e.status(), e.detail()));
        for (String gone : broken) {
            boolean rebuilt = repairs.stream().anyMatch(e -> e.status().equals("create") && name(e).equals(gone));
            InventoryEntry now = world.store().inventory().find(clusterId, gone)
                    .orElseThrow(() -> new DemoDiverged("reconcile did not rebuild " + gone));
            if (!rebuilt || now.state() != ResourceState.READY) {
                throw new DemoDiverged("reconcile did not rebuild " + gone + ": " + now.state() + " " + now.cloudId());
            }
        }
        InventoryEntry firewall = first(ResourceKind.FIREWALL, Cloud.AWS, r -> true);
        try (Ec2Client ec2 = world.ec2ByHand(firewall.region())) {
            List<IpPermission> rules = ec2.describeSecurityGroups(r -> r.groupIds(firewall.cloudId())).securityGroups().get(0).ipPermissions();
            if (rules.stream().anyMatch(p -> p.fromPort() != null && p.fromPort() == SSH)) {
                throw new DemoDiverged("reconcile left tcp/" + SSH + " open on " + firewall.name());
            }
        }
        out.printf("  %d repairs in %s virtual (%s real); every resource READY again, tcp/%d closed%n", repairs.size(),
                duration(chapter.virtual()), seconds(chapter.real()), SSH);
    }

    private void scale(Cloud cloud, int workers) throws InterruptedException {
        long before = workers(cloud);
        Instant since = world.clock().instant();
        Chapter chapter = run("scale-workers", JSON.createObjectNode().put("clusterId", clusterId).put("cloud", cloud.id())
                .put("workers", workers));
        expectStatus(ClusterStatus.READY);
        if (workers(cloud) != workers) {
            throw new DemoDiverged(cloud.id() + " has " + workers(cloud) + " workers after scaling to " + workers);
        }
        out.printf("  %-6s workers %d -> %d in %s virtual (%s real): %s%n", cloud.id(), before, workers, duration(chapter.virtual()),
                seconds(chapter.real()), String.join(", ", changesSince(since).stream().map(e -> e.status() + " " + e.detail()).toList()));
    }

    private void destroy() throws InterruptedException {
        heading("6. Destroy cluster '" + clusterName + "' (" + clusterId + ")");
        plan = Planner.standard().plan(clusterId, SpecReader.parseJson(world.store().clusters().get(clusterId).spec()));
        Chapter chapter = follow("destroy-cluster", JSON.createObjectNode().put("clusterId", clusterId), LiveProgress.View.TEARDOWN);
        expectStatus(ClusterStatus.DELETED);
        List<InventoryEntry> left = world.store().inventory().list(clusterId);
        if (!left.isEmpty()) {
            throw new DemoDiverged("destroyed, yet the inventory still lists " + left.stream().map(InventoryEntry::name).toList());
        }
        out.printf("  deleted in %s virtual (%s real)%n", duration(chapter.virtual()), seconds(chapter.real()));
    }

    private void summary(Map<Cloud, Long> callsBefore, Duration virtual) {
        heading("7. Summary");
        List<ProgressEvent> events = world.store().progress().eventsOfCluster(clusterId);
        Table clouds = new Table("cloud", "created", "deleted", "API calls");
        Map<Cloud, Long> callsNow = calls();
        for (Cloud cloud : accounts.keySet()) {
            clouds.row(cloud.id(), String.valueOf(distinct(events, cloud, "create")), String.valueOf(distinct(events, cloud, "delete")),
                    String.valueOf(callsNow.get(cloud) - callsBefore.get(cloud)));
        }
        StringBuilder text = new StringBuilder();
        clouds.renderTo(text);
        Table flows = new Table("flow", "virtual", "real", "aws", "gcp", "azure");
        for (Chapter c : chapters) {
            flows.row(c.flow(), duration(c.virtual()), seconds(c.real()), String.valueOf(c.calls().get(Cloud.AWS)),
                    String.valueOf(c.calls().get(Cloud.GCP)), String.valueOf(c.calls().get(Cloud.AZURE)));
        }
        text.append('\n');
        flows.renderTo(text);
        out.print(text);
        out.printf("  virtual time in all: %s%n", duration(virtual));
    }

    /** Resources a cloud's rounds created (or deleted): one per resource and execution, however many calls it took. */
    private static long distinct(List<ProgressEvent> events, Cloud cloud, String status) {
        Set<String> seen = new HashSet<>();
        events.stream().filter(e -> e.step().equals("converge-" + cloud.id()) && e.status().equals(status) && e.detail() != null)
                .forEach(e -> seen.add(e.executionId() + " " + name(e)));
        return seen.size();
    }

    private Chapter follow(String flow, JsonNode input, LiveProgress.View view) throws InterruptedException {
        Map<Cloud, Long> calls = calls();
        Instant virtualStart = world.clock().instant();
        long realStart = System.nanoTime();
        ExecutionResult result = progress.follow(world.start(flow, input), clusterId, plan, view, virtualStart);
        return record(flow, result, virtualStart, realStart, calls);
    }

    private Chapter run(String flow, JsonNode input) {
        Map<Cloud, Long> calls = calls();
        Instant virtualStart = world.clock().instant();
        long realStart = System.nanoTime();
        ExecutionResult result = world.run(flow, input);
        return record(flow, result, virtualStart, realStart, calls);
    }

    private Chapter record(String flow, ExecutionResult result, Instant virtualStart, long realStart, Map<Cloud, Long> callsBefore) {
        Map<Cloud, Long> made = new EnumMap<>(Cloud.class);
        calls().forEach((cloud, n) -> made.put(cloud, n - callsBefore.get(cloud)));
        Chapter chapter = new Chapter(flow, result, Duration.between(virtualStart, world.clock().instant()),
                Duration.ofNanos(System.nanoTime() - realStart), made);
        chapters.add(chapter);
        if (!result.succeeded()) {
            List<String> failures = world.store().progress().eventsOfCluster(clusterId).stream()
                    .filter(e -> e.status().equals("failed")).map(e -> e.step() + ": " + e.detail()).toList();
            throw new DemoDiverged(flow + " ended " + result.status() + " (" + result.error() + ": " + result.cause() + ")"
                    + (failures.isEmpty() ? "" : "; failed steps: " + String.join("; ", failures)));
        }
        return chapter;
    }

    private void expectStatus(ClusterStatus expected) {
        ClusterStatus status = world.store().clusters().get(clusterId).status();
        if (status != expected) {
            throw new DemoDiverged("cluster " + clusterId + " is " + status.id() + ", expected " + expected.id()
                    + ": " + world.store().clusters().get(clusterId).statusReason());
        }
    }

    /**
     * Create, update and delete events of converge rounds since a moment: the repairs and changes made,
     * each once (a create a round repeats because the cloud did not list it yet is the same change).
     */
    private List<ProgressEvent> changesSince(Instant since) {
        Set<String> seen = new HashSet<>();
        return world.store().progress().eventsOfCluster(clusterId).stream()
                .filter(e -> !e.at().isBefore(since) && e.step().startsWith("converge-") && e.detail() != null)
                .filter(e -> Set.of("create", "update", "delete").contains(e.status()))
                .filter(e -> seen.add(e.step() + " " + e.status() + " " + name(e)))
                .toList();
    }

    /** The resource a converge event is about: its detail reads {@code name [reasons]…}. */
    private static String name(ProgressEvent e) {
        return e.detail().split(" ", 2)[0];
    }

    private InventoryEntry first(ResourceKind kind, Cloud cloud, java.util.function.Predicate<Resource> which) {
        Resource resource = plan.resources().stream().filter(r -> r.kind() == kind && r.cloud() == cloud).filter(which).findFirst()
                .orElseThrow(() -> new DemoDiverged("the plan has no " + kind.id() + " on " + cloud.id() + " to break"));
        return world.store().inventory().find(clusterId, resource.name())
                .orElseThrow(() -> new DemoDiverged("the inventory has no row for " + resource.name()));
    }

    private List<Resource> dependants(String name) {
        return plan.resources().stream().filter(r -> r.dependsOn().contains(name)).toList();
    }

    private long workers(Cloud cloud) {
        return world.store().inventory().list(clusterId).stream()
                .filter(e -> e.cloud() == cloud && e.kind() == ResourceKind.INSTANCE && !e.name().contains("-master-"))
                .count();
    }

    private List<String> clouds() {
        return plan.regions().regions().keySet().stream().map(Cloud::id).toList();
    }

    private Map<Cloud, Snapshot> snapshots() {
        Map<Cloud, Snapshot> snapshots = new EnumMap<>(Cloud.class);
        accounts.forEach((cloud, account) -> snapshots.put(cloud, world.cloudSim().world().snapshot(cloud.id(), account)));
        return snapshots;
    }

    private Map<Cloud, Long> calls() {
        Map<Cloud, Long> calls = new EnumMap<>(Cloud.class);
        accounts.keySet().forEach(cloud -> calls.put(cloud, world.cloudSim().world().calls().total(cloud.id())));
        return calls;
    }

    private void heading(String title) {
        out.println();
        out.println(title);
        out.flush();
    }

    /** A virtual duration as 1h02m15s, 8m00s or 45s. */
    static String duration(Duration d) {
        if (d.toHours() > 0) {
            return "%dh%02dm%02ds".formatted(d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        }
        return d.toMinutes() > 0 ? "%dm%02ds".formatted(d.toMinutes(), d.toSecondsPart()) : d.toSeconds() + "s";
    }

    static String seconds(Duration d) {
        return "%.1f s".formatted(d.toMillis() / 1000.0);
    }
}
