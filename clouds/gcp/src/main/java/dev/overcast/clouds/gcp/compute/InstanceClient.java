package dev.overcast.clouds.gcp.compute;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.DeleteInstanceRequest;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesScopedList;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code instance} kind: a VM with a boot disk from the plan's image, one network interface on the
 * subnet (no external address: nodes talk over the flat network and the tunnels) and cloud-init user-data
 * in the {@code user-data} metadata key. Instances are zonal; observe reads every zone of the region with
 * one aggregated list. The firewall applies to the whole network, so {@code firewallRef} only orders creation.
 */
public final class InstanceClient extends ComputeResourceClient {

    static final String USER_DATA_KEY = "user-data";

    public InstanceClient(ComputeClients compute) {
        super(ResourceKind.INSTANCE, compute);
    }

    /**
     * What Compute Engine fixes at creation: an instance lives in its zone (moving it means a new instance),
     * its machine type changes only while stopped ("instances.setMachineType: changes the machine type for a
     * stopped instance"), its boot disk's {@code initializeParams.sourceImage} is read only when the disk is
     * created, the first NIC's subnetwork and {@code networkIP} are set at insert; and the {@code user-data}
     * metadata item, though writable, is run by cloud-init once per instance, at first boot.
     */
    @Override
    public Set<String> createOnly() {
        return Set.of(Attributes.USER_DATA, Attributes.INSTANCE_TYPE, Attributes.IMAGE, Attributes.SUBNET_REF,
                Attributes.ZONE, Attributes.STATIC_PRIVATE_IP);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("instance.create", Duration.ofSeconds(50)))
                .delete(operation("instance.delete", Duration.ofSeconds(40)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        List<Observation> found = new ArrayList<>();
        for (Map.Entry<String, InstancesScopedList> zone : GcpErrors.call("instances.aggregatedList", () -> compute.instances.aggregatedList(
                AggregatedListInstancesRequest.newBuilder().setProject(project()).setFilter(Ownership.clusterLabelFilter(clusterId))
                        .setMaxResults(PAGE).build())).iterateAll()) {
            if (!zone.getKey().startsWith("zones/" + region + "-")) {
                continue;
            }
            for (Instance instance : zone.getValue().getInstancesList()) {
                String name = Ownership.resourceName(instance.getLabelsMap());
                Optional<ResourceState> state = state(instance.getStatus());
                if (name != null && state.isPresent()) {
                    NetworkInterface nic = instance.getNetworkInterfacesCount() == 0 ? null : instance.getNetworkInterfaces(0);
                    found.add(observed(name, region, instance.getName(), state.get(), attributes(
                            Attributes.ZONE, lastSegment(instance.getZone()),
                            Attributes.INSTANCE_TYPE, lastSegment(instance.getMachineType()),
                            Attributes.SUBNET_REF, nic == null ? null : lastSegment(nic.getSubnetwork()),
                            Attributes.USER_DATA, userData(instance),
                            Outputs.PRIVATE_IP, nic == null ? null : nic.getNetworkIP()), instance.getLabelsMap()));
                }
            }
        }
        return found;
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        String name = computeName(desired, "");
        String zone = required(desired, Attributes.ZONE);
        if (!zone.startsWith(desired.region() + "-")) {
            throw invalid(desired, Attributes.ZONE, "it must be a zone of region " + desired.region());
        }
        String subnet = dependencies.require(required(desired, Attributes.SUBNET_REF)).cloudId();
        if (desired.attribute(Attributes.FIREWALL_REF) != null) {
            dependencies.require(desired.attribute(Attributes.FIREWALL_REF));
        }
        long diskGb = diskGb(desired);
        Instance.Builder instance = Instance.newBuilder()
                .setName(name)
                .setMachineType("zones/" + zone + "/machineTypes/" + required(desired, Attributes.INSTANCE_TYPE))
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true)
                        .setInitializeParams(AttachedDiskInitializeParams.newBuilder()
                                .setSourceImage(required(desired, Attributes.IMAGE)).setDiskSizeGb(diskGb)))
                .addNetworkInterfaces(NetworkInterface.newBuilder().setSubnetwork(regionalLink(desired.region(), "subnetworks", subnet)))
                .putAllLabels(Ownership.labels(clusterId, desired.name()));
        String userData = desired.attribute(Attributes.USER_DATA);
        if (userData != null) {
            instance.setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey(USER_DATA_KEY).setValue(userData)));
        }
        GcpErrors.inserting("instances.insert", RequestIds.insert(clusterId, name), id -> compute.instances.insertCallable().call(InsertInstanceRequest.newBuilder()
                .setProject(project()).setZone(zone).setInstanceResource(instance.build())
                .setRequestId(id).build()));
        return creating(clusterId, desired, Map.of(Attributes.ZONE, zone));
    }

    @Override
    protected void remove(Observation observed) {
        String zone = observed.attribute(Attributes.ZONE);
        if (zone == null) {
            throw new IllegalArgumentException("instance observation " + observed.name() + " carries no zone");
        }
        GcpErrors.removing("instances.delete", () -> compute.instances.deleteCallable().call(DeleteInstanceRequest.newBuilder()
                .setProject(project()).setZone(zone).setInstance(observed.cloudId()).build()));
    }

    /** Maps Compute's instance states; empty for instances that are gone. */
    private static Optional<ResourceState> state(String status) {
        return switch (status) {
            case "PROVISIONING", "STAGING" -> Optional.of(ResourceState.CREATING);
            case "RUNNING" -> Optional.of(ResourceState.READY);
            case "STOPPING" -> Optional.of(ResourceState.DELETING);
            // Overcast never stops or suspends instances; one in those states is replaced, like a failed one.
            case "SUSPENDING", "SUSPENDED", "TERMINATED", "REPAIRING" -> Optional.of(ResourceState.FAILED);
            default -> Optional.empty();
        };
    }

    private static String userData(Instance instance) {
        return instance.getMetadata().getItemsList().stream()
                .filter(item -> item.getKey().equals(USER_DATA_KEY))
                .map(Items::getValue)
                .findFirst().orElse(null);
    }

    private long diskGb(Resource desired) {
        try {
            long gb = Long.parseLong(required(desired, Attributes.DISK_GB));
            if (gb >= 10 && gb <= 65_536) {
                return gb;
            }
        } catch (NumberFormatException e) {
            // answered below, as for any out-of-range value
        }
        throw invalid(desired, Attributes.DISK_GB, "it must be a whole number of GiB within 10..65536");
    }
}
