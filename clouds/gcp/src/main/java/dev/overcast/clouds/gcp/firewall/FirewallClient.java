package dev.overcast.clouds.gcp.firewall;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.DeleteFirewallRequest;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.InsertFirewallRequest;
import com.google.cloud.compute.v1.ListFirewallsRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.PatchFirewallRequest;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.kinds.FirewallView;
import dev.overcast.core.cloud.kinds.FirewallView.IngressRule;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code firewall} kind: ingress firewall rules on the network, one per source range, named
 * {@code <firewall>-<8 hex of the source>} so a rule's name never changes. A Compute rule allows every
 * (protocol, ports) it lists from every source range it lists, so one rule per source range keeps exactly
 * the planned pairs. Update restores the planned rules: inserts missing ones, patches changed ones,
 * deletes extra ones.
 */
public final class FirewallClient extends ComputeResourceClient {

    /** Compute's wait returns after at most two minutes; a rule takes seconds. */
    private static final int WAITS = 5;
    private static final String EVERY_PORT = "*";

    public FirewallClient(ComputeClients compute) {
        super(ResourceKind.FIREWALL, compute);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("firewall.create", Duration.ofSeconds(5)))
                .delete(operation("firewall.delete", Duration.ofSeconds(5)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        Map<String, List<Firewall>> byResource = new LinkedHashMap<>();
        Map<String, Map<String, String>> ownership = new LinkedHashMap<>();
        for (Firewall rule : rules(clusterId)) {
            Map<String, String> owner = Ownership.fromDescription(rule.getDescription());
            String name = Ownership.resourceName(owner);
            if (name != null) {
                byResource.computeIfAbsent(name, n -> new ArrayList<>()).add(rule);
                ownership.put(name, owner);
            }
        }
        List<Observation> found = new ArrayList<>();
        byResource.forEach((name, rules) -> found.add(observed(name, region, name, ResourceState.READY, attributes(
                Attributes.INGRESS, ingress(rules),
                Attributes.NETWORK_REF, lastSegment(rules.get(0).getNetwork())), ownership.get(name))));
        return found;
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        restore(clusterId, desired, dependencies);
        return creating(clusterId, desired, Map.of());
    }

    @Override
    protected Observation complete(String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        restore(clusterId, desired, dependencies);
        return found;
    }

    /**
     * Restores the planned rules and waits for those operations (seconds): the repair is visible to the next
     * observe, as a security group's rules are on AWS. A rule still not done after a few waits is retryable.
     */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        for (Operation op : restore(clusterId, desired, dependencies)) {
            awaitDone(op);
        }
        return observed;
    }

    @Override
    protected void remove(Observation observed) {
        rules(Ownership.clusterOf(observed.tags())).stream()
                .filter(r -> observed.name().equals(Ownership.resourceName(Ownership.fromDescription(r.getDescription()))))
                .forEach(r -> delete(r.getName()));
    }

    /** Inserts, patches and deletes rules until they match the plan; returns the operations it started. */
    private List<Operation> restore(String clusterId, Resource desired, Dependencies dependencies) {
        List<Operation> started = new ArrayList<>();
        String network = globalLink("networks", dependencies.require(required(desired, Attributes.NETWORK_REF)).cloudId());
        // Compute has no empty firewall to observe: a firewall without a rule would never be seen as built.
        required(desired, Attributes.INGRESS);
        Map<String, List<Allowed>> wanted = allowedBySource(FirewallView.ingress(desired));
        Map<String, Firewall> existing = new LinkedHashMap<>();
        rules(clusterId).stream()
                .filter(r -> desired.name().equals(Ownership.resourceName(Ownership.fromDescription(r.getDescription()))))
                .forEach(r -> existing.put(r.getName(), r));
        for (Map.Entry<String, List<Allowed>> source : wanted.entrySet()) {
            String name = computeName(desired, "-" + String.format("%08x", source.getKey().hashCode()));
            Firewall rule = Firewall.newBuilder()
                    .setName(name)
                    .setDescription(Ownership.description(clusterId, desired.name()))
                    .setNetwork(network)
                    .setDirection("INGRESS")
                    .addSourceRanges(source.getKey())
                    .addAllAllowed(source.getValue())
                    .build();
            Firewall current = existing.remove(name);
            if (current == null) {
                GcpErrors.inserting("firewalls.insert", RequestIds.insert(clusterId, name), id -> compute.firewalls.insertCallable().call(InsertFirewallRequest.newBuilder()
                        .setProject(project()).setFirewallResource(rule).setRequestId(id).build())).ifPresent(started::add);
            } else if (!current.getAllowedList().equals(rule.getAllowedList()) || !current.getSourceRangesList().equals(rule.getSourceRangesList())) {
                started.add(GcpErrors.start("firewalls.patch", () -> compute.firewalls.patchCallable().call(PatchFirewallRequest.newBuilder()
                        .setProject(project()).setFirewall(name).setFirewallResource(rule).build())));
            }
        }
        existing.keySet().forEach(name -> delete(name).ifPresent(started::add));
        return started;
    }

    /** The {@code allowed} entries of each source range's rule: one per protocol, its ports sorted, none for every port. */
    static Map<String, List<Allowed>> allowedBySource(List<IngressRule> rules) {
        Map<String, Map<String, TreeSet<String>>> grouped = new TreeMap<>();
        for (IngressRule rule : rules) {
            grouped.computeIfAbsent(rule.sourceCidr(), s -> new TreeMap<>())
                    .computeIfAbsent(rule.protocol().word(), p -> new TreeSet<>())
                    .add(rule.ports().toString());
        }
        Map<String, List<Allowed>> bySource = new TreeMap<>();
        grouped.forEach((source, protocols) -> {
            List<Allowed> allowed = new ArrayList<>();
            protocols.forEach((protocol, ports) -> {
                Allowed.Builder entry = Allowed.newBuilder().setIPProtocol(protocol);
                if (!ports.contains(EVERY_PORT)) {
                    entry.addAllPorts(ports);
                }
                allowed.add(entry.build());
            });
            bySource.put(source, allowed);
        });
        return bySource;
    }

    /** The {@code ingress} of a firewall's rules: every (protocol, ports, source) they allow, sorted as the plan is. */
    static String ingress(List<Firewall> rules) {
        TreeSet<String> entries = new TreeSet<>();
        for (Firewall rule : rules) {
            for (String source : rule.getSourceRangesList()) {
                for (Allowed allowed : rule.getAllowedList()) {
                    if (allowed.getPortsCount() == 0) {
                        entries.add(allowed.getIPProtocol() + ":" + EVERY_PORT + ":" + source);
                    }
                    allowed.getPortsList().forEach(port -> entries.add(allowed.getIPProtocol() + ":" + port + ":" + source));
                }
            }
        }
        return String.join(",", entries);
    }

    private void awaitDone(Operation started) {
        Operation op = started;
        for (int wait = 0; wait < WAITS && op.getStatus() != Operation.Status.DONE; wait++) {
            String name = op.getName();
            op = GcpErrors.call("globalOperations.wait", () -> compute.globalOperations.wait(project(), name));
        }
        if (op.getStatus() != Operation.Status.DONE) {
            throw new RetryableCloudException(Cloud.GCP, "firewalls.update", "operationRunning",
                    "firewall rule operation " + op.getName() + " is still " + op.getStatus(), null);
        }
        if (op.hasError() && op.getError().getErrorsCount() > 0) {
            throw GcpErrors.fromOperation("firewalls.update", op);
        }
    }

    private List<Firewall> rules(String clusterId) {
        List<Firewall> rules = new ArrayList<>();
        GcpErrors.call("firewalls.list", () -> compute.firewalls.list(ListFirewallsRequest.newBuilder()
                .setProject(project()).setFilter(Ownership.clusterDescriptionFilter(clusterId)).setMaxResults(PAGE).build()))
                .iterateAll().forEach(rules::add);
        return rules;
    }

    private Optional<Operation> delete(String ruleName) {
        return GcpErrors.removing("firewalls.delete", () -> compute.firewalls.deleteCallable().call(DeleteFirewallRequest.newBuilder()
                .setProject(project()).setFirewall(ruleName).build()));
    }
}
