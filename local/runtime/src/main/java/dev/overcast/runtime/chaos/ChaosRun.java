package dev.overcast.runtime.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.http.AnswerFault;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.cluster.QuotaAdmission;
import dev.overcast.functions.lock.AcquireLock;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.ProgressEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One chaos run on a shared local world: create a small cluster, delete instances by hand, reconcile,
 * scale one cloud's workers, destroy, while every cloudsim front fails a share of calls (throttling,
 * 5xx, answers lost after the work was done). Checks after each flow: the cluster converged, no planned
 * name is held twice by a cloud, the scale request was applied, and destroy left every account as it was.
 */
final class ChaosRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Cloud, String> ACCOUNTS = Map.of(Cloud.AWS, LocalWorld.AWS_ACCOUNT, Cloud.GCP, LocalWorld.GCP_PROJECT,
            Cloud.AZURE, LocalWorld.AZURE_SUBSCRIPTION);

    private final LocalWorld world;
    private final List<Cloud> clouds;
    private final double faultRate;
    private final QuotaAdmission admission;

    ChaosRun(LocalWorld world, List<Cloud> clouds, double faultRate) {
        this.world = world;
        this.admission = new QuotaAdmission(world.store(), new ClusterPlans(world.store(), Planner.standard()));
        this.clouds = List.copyOf(clouds);
        this.faultRate = faultRate;
    }

    ChaosOutcome run(String cluster, long seed) {
        Random random = new Random(seed);
        ObjectNode create = createInput(cluster, 1 + random.nextInt(2));
        try {
            // As the API admits a create: the accounts' quotas must hold it and what the running flows will still build.
            admission.admit(world.clouds().preflight(), Planner.standard().plan(cluster, SpecReader.parseJson(create.get("spec").toString())));
        } catch (QuotaAdmission.QuotaRefused e) {
            return ChaosOutcome.refusedAtAdmission(cluster, e.getMessage());
        }
        List<String> failures = new ArrayList<>();
        TreeSet<String> duplicates = new TreeSet<>();
        int lostChanges = exercise(cluster, create, random, failures, duplicates);
        if (world.store().locks().current(cluster).isPresent()) {
            // A flow that timed out died holding the lease: an operator's destroy succeeds once it expires.
            world.clock().advanceTo(world.clock().instant().plus(AcquireLock.TTL));
        }
        if (!flow("destroy-cluster", clusterInput(cluster), failures)) {
            failures.add("destroy left the cluster " + status(cluster));
        }
        return new ChaosOutcome(cluster, failures, List.copyOf(duplicates), leftovers(cluster), lostChanges);
    }

    /** Turns the faults on for every front; runs interleave, so the seed fixes the mix, not each call's fate. */
    void faultsOn(long seed) {
        world.cloudSim().world().faults().randomFaults(faultRate, seed, List.of(AnswerFault.LOST.code()));
    }

    void faultsOff() {
        world.cloudSim().world().faults().clear();
    }

    /** Every account of the run's clouds, to compare before the first run and after the last. */
    Map<Cloud, Snapshot> snapshots() {
        Map<Cloud, Snapshot> snapshots = new EnumMap<>(Cloud.class);
        clouds.forEach(cloud -> snapshots.put(cloud, world.cloudSim().world().snapshot(cloud.id(), ACCOUNTS.get(cloud))));
        return snapshots;
    }

    /** Create, damage, reconcile, scale; returns the scale requests lost. */
    private int exercise(String cluster, ObjectNode create, Random random, List<String> failures, TreeSet<String> duplicates) {
        if (!flow("create-cluster", create, failures) || !converged(cluster, failures)) {
            return 0;
        }
        duplicates.addAll(duplicates(cluster));

        List<InventoryEntry> damaged = damage(cluster, random);
        if (flow("reconcile-cluster", clusterInput(cluster).put("purpose", "reconcile"), failures) && converged(cluster, failures)) {
            repaired(cluster, damaged, failures);
        }
        duplicates.addAll(duplicates(cluster));

        Cloud cloud = clouds.get(random.nextInt(clouds.size()));
        int workers = random.nextInt(3);
        if (flow("scale-workers", clusterInput(cluster).put("cloud", cloud.id()).put("workers", workers), failures)) {
            converged(cluster, failures);
        }
        duplicates.addAll(duplicates(cluster));
        int pending = world.store().changes().pending(cluster).size();
        return pending + (workers(cluster, cloud) == workers ? 0 : 1);
    }

    private boolean flow(String flow, JsonNode input, List<String> failures) {
        ExecutionResult result = world.run(flow, input);
        if (!result.succeeded()) {
            String cluster = input.path("clusterId").asText(input.at("/spec/name").asText());
            List<String> lastEvents = world.store().progress().eventsOfCluster(cluster).stream()
                    .sorted(Comparator.comparing(ProgressEvent::at)).map(e -> e.status() + " " + e.detail()).toList();
            failures.add(flow + " " + result.status() + " " + result.error() + ": " + result.cause() + " last events: "
                    + lastEvents.subList(Math.max(0, lastEvents.size() - 3), lastEvents.size()));
        }
        return result.succeeded();
    }

    /** Ready, and every planned resource observed ready. */
    private boolean converged(String cluster, List<String> failures) {
        String status = status(cluster);
        List<String> notReady = world.store().inventory().list(cluster).stream().filter(e -> e.state() != ResourceState.READY)
                .map(e -> e.name() + "=" + e.state()).toList();
        if (!status.equals(ClusterStatus.READY.name()) || !notReady.isEmpty()) {
            failures.add(cluster + " is " + status + ", not ready: " + notReady);
            return false;
        }
        return true;
    }

    /** The cluster's status, or none when a create failed before recording it. */
    private String status(String cluster) {
        return world.store().clusters().find(cluster).map(c -> c.status().name()).orElse("not recorded");
    }

    /** Deletes one or two instances by hand, as someone in a console might. */
    private List<InventoryEntry> damage(String cluster, Random random) {
        List<InventoryEntry> instances = new ArrayList<>(world.store().inventory().list(cluster).stream()
                .filter(e -> e.kind() == ResourceKind.INSTANCE).toList());
        Collections.shuffle(instances, random);
        List<InventoryEntry> damaged = instances.subList(0, Math.min(instances.size(), 1 + random.nextInt(2)));
        damaged.forEach(e -> world.cloudSim().world().deleteByHand(e.cloud().id(), ACCOUNTS.get(e.cloud()), e.region(), e.cloudId()));
        return List.copyOf(damaged);
    }

    private void repaired(String cluster, List<InventoryEntry> damaged, List<String> failures) {
        for (InventoryEntry gone : damaged) {
            // Compute and ARM ids are names, so a rebuilt instance may carry the old id: ask the cloud whether it is there.
            boolean ready = world.store().inventory().find(cluster, gone.name()).filter(e -> e.state() == ResourceState.READY).isPresent();
            boolean inCloud = world.cloudSim().world().resources(gone.cloud().id(), ACCOUNTS.get(gone.cloud())).stream()
                    .anyMatch(r -> OwnershipTags.ownedBy(gone.cloud(), r.tags(), cluster)
                            && gone.name().equals(OwnershipTags.resourceName(gone.cloud(), r.tags())));
            boolean rebuilt = ready && inCloud;
            if (!rebuilt) {
                failures.add(gone.name() + " deleted by hand was not rebuilt");
            }
        }
    }

    /** Live resources still owned by the cluster after its destroy. */
    private List<String> leftovers(String cluster) {
        List<String> left = new ArrayList<>();
        for (Cloud cloud : clouds) {
            world.cloudSim().world().resources(cloud.id(), ACCOUNTS.get(cloud)).stream()
                    .filter(r -> OwnershipTags.ownedBy(cloud, r.tags(), cluster))
                    .forEach(r -> left.add(cloud.id() + " " + r.type() + " " + r.id()));
        }
        return left;
    }

    /**
     * Planned names for which a cloud holds two live owned resources of one type. Only EC2 can: it picks
     * ids itself, so a repeated create makes a second VPC. Compute and ARM resources are named by the
     * caller and a second insert of a name is refused, so there one planned resource held as several named
     * objects (GCP's two tunnels per planned tunnel) is the design, and each object counts on its own.
     */
    private List<String> duplicates(String cluster) {
        List<String> held = new ArrayList<>();
        for (Cloud cloud : clouds) {
            Map<String, Long> byName = world.cloudSim().world().resources(cloud.id(), ACCOUNTS.get(cloud)).stream()
                    .filter(r -> OwnershipTags.ownedBy(cloud, r.tags(), cluster) && OwnershipTags.resourceName(cloud, r.tags()) != null)
                    .collect(Collectors.groupingBy(r -> r.type() + " " + OwnershipTags.resourceName(cloud, r.tags())
                            + (cloud == Cloud.AWS ? "" : " " + r.id()), Collectors.counting()));
            byName.forEach((name, count) -> {
                if (count > 1) {
                    held.add(cloud.id() + " " + name + " x" + count);
                }
            });
        }
        return held;
    }

    private int workers(String cluster, Cloud cloud) {
        return (int) world.store().inventory().list(cluster).stream()
                .filter(e -> e.kind() == ResourceKind.INSTANCE && e.cloud() == cloud && !e.name().contains("master")).count();
    }

    private ObjectNode createInput(String cluster, int workers) {
        // The run's cluster names are unique, so each serves as its cluster's id too.
        ObjectNode input = JSON.createObjectNode().put("tenant", "chaos").put("clusterId", cluster);
        ObjectNode spec = input.putObject("spec").put("name", cluster).put("near", "us-east");
        clouds.forEach(cloud -> spec.withArray("clouds").add(cloud.id()));
        spec.putObject("masters").put("count", 1).put("size", "small");
        ObjectNode pools = spec.putObject("workers");
        clouds.forEach(cloud -> pools.putObject(cloud.id()).put("count", workers).put("size", "small"));
        return input;
    }

    private static ObjectNode clusterInput(String cluster) {
        return JSON.createObjectNode().put("clusterId", cluster);
    }
}
