package dev.overcast.clouds.gcp.firewall;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;
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
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code firewall} kind: ingress firewall rules on the network, one per source range (see
 * {@link IngressRules}), named {@code <firewall>-<8 hex of the source>} so a rule's name never changes.
 * Update restores the planned rules: inserts missing ones, patches changed ones, deletes extra ones.
 */
public final class FirewallClient extends ComputeResourceClient {

    /** Compute's wait returns after at most two minutes; a rule takes seconds. */
    private static final int WAITS = 5;

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
                Attributes.INGRESS, IngressRules.of(rules),
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
        Map<String, List<Allowed>> wanted = IngressRules.bySource(required(desired, Attributes.INGRESS))
                .orElseThrow(() -> invalid(desired, Attributes.INGRESS,
                        "every entry must be protocol:ports:sourceCidr, e.g. tcp:6443:10.0.0.0/8 or all:*:10.0.0.0/8"));
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
