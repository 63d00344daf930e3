package dev.overcast.clouds.azure.compute;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.clouds.azure.internal.AzureErrors;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

/**
 * An instance: a NIC (in the plan's subnet, behind the plan's firewall NSG) and a Linux VM booted from
 * the plan's image with a managed OS disk, cloud-init user data as {@code customData}. The NIC and the
 * disk are created with {@code deleteOption: Delete}, so deleting the VM takes them along. Observe lists
 * VMs and NICs of the group once each: two calls for any number of instances.
 */
public final class VirtualMachineClient extends ArmResourceClient<VirtualMachineInner> {

    static final String TYPE = "Microsoft.Compute/virtualMachines";
    static final String NIC_TYPE = "Microsoft.Network/networkInterfaces";
    static final String NIC_SUFFIX = "-nic";

    public VirtualMachineClient(ArmClients arm) {
        super(ResourceKind.INSTANCE, arm);
    }

    /**
     * What ARM fixes when it creates a VM: custom data "is made available to the VM during first startup or
     * setup, which is called provisioning" (Azure docs, "Custom data and cloud-init on Azure Virtual
     * Machines"), the image reference and the availability zone are set at creation. A VM's size can be
     * changed (a resize), so it is not create-only here.
     */
    @Override
    public Set<String> createOnly() {
        return Set.of(Attributes.USER_DATA, Attributes.IMAGE, Attributes.ZONE);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("virtualmachines.create", Duration.ofSeconds(70)))
                .delete(operation("virtualmachines.delete", Duration.ofSeconds(45)));
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        List<VirtualMachineInner> machines = list("ListVirtualMachines", () -> arm.compute().getVirtualMachines().listByResourceGroup(group));
        if (machines.isEmpty()) {
            return List.of();
        }
        Map<String, String> privateIpByNic = new HashMap<>();
        for (NetworkInterfaceInner nic : list("ListNetworkInterfaces", () -> arm.network().getNetworkInterfaces().listByResourceGroup(group))) {
            if (nic.ipConfigurations() != null && !nic.ipConfigurations().isEmpty()) {
                privateIpByNic.put(nic.id().toLowerCase(Locale.ROOT), nic.ipConfigurations().get(0).privateIpAddress());
            }
        }
        List<Observation> found = new ArrayList<>();
        for (VirtualMachineInner vm : machines) {
            String nicId = vm.networkProfile() == null || vm.networkProfile().networkInterfaces() == null
                    || vm.networkProfile().networkInterfaces().isEmpty() ? null : vm.networkProfile().networkInterfaces().get(0).id();
            StorageProfile storage = vm.storageProfile();
            observed(region, vm.id(), vm.tags(), vm.provisioningState(), attributes(
                    Attributes.INSTANCE_TYPE, vm.hardwareProfile() == null ? null : String.valueOf(vm.hardwareProfile().vmSize()),
                    Attributes.ZONE, vm.zones() == null || vm.zones().isEmpty() ? null : vm.zones().get(0),
                    Attributes.DISK_GB, storage == null || storage.osDisk() == null || storage.osDisk().diskSizeGB() == null ? null
                            : String.valueOf(storage.osDisk().diskSizeGB()),
                    Outputs.PRIVATE_IP, nicId == null ? null : privateIpByNic.get(nicId.toLowerCase(Locale.ROOT))))
                    .ifPresent(found::add);
        }
        return found;
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        ImageReference image = image(desired);
        int diskGb = diskGb(desired);
        String subnetId = dependencies.require(required(desired, Attributes.SUBNET_REF)).cloudId();
        String nsgId = dependencies.require(required(desired, Attributes.FIREWALL_REF)).cloudId();
        String nicName = desired.name() + NIC_SUFFIX;
        NetworkInterfaceInner nic = new NetworkInterfaceInner()
                .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner()
                        .withName("primary")
                        .withPrimary(true)
                        .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)
                        .withSubnet((SubnetInner) new SubnetInner().withId(subnetId))))
                .withNetworkSecurityGroup((NetworkSecurityGroupInner) new NetworkSecurityGroupInner().withId(nsgId))
                .withLocation(desired.region())
                .withTags(tags(clusterId, desired));
        arm.network().getNetworkInterfaces().beginCreateOrUpdate(group, nicName, nic);
        String nicId = ArmIds.of(arm.subscriptionId(), group, NIC_TYPE, nicName);

        LinuxConfiguration linux = new LinuxConfiguration().withDisablePasswordAuthentication(true).withProvisionVMAgent(true);
        arm.config().sshPublicKey().ifPresent(key -> linux.withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                .withPath("/home/" + arm.config().adminUsername() + "/.ssh/authorized_keys").withKeyData(key)))));
        OSProfile os = new OSProfile().withComputerName(desired.name()).withAdminUsername(arm.config().adminUsername())
                .withLinuxConfiguration(linux);
        String userData = desired.attribute(Attributes.USER_DATA);
        if (userData != null && !userData.isEmpty()) {
            os.withCustomData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
        }
        VirtualMachineInner vm = new VirtualMachineInner()
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(required(desired, Attributes.INSTANCE_TYPE))))
                .withStorageProfile(new StorageProfile().withImageReference(image).withOsDisk(new OSDisk()
                        .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                        .withDiskSizeGB(diskGb)
                        .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.PREMIUM_LRS))
                        .withDeleteOption(DiskDeleteOptionTypes.DELETE)))
                .withOsProfile(os)
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(new NetworkInterfaceReference()
                        .withId(nicId).withPrimary(true).withDeleteOption(DeleteOptions.DELETE))))
                .withLocation(desired.region())
                .withTags(tags(clusterId, desired));
        String zone = desired.attribute(Attributes.ZONE);
        if (zone != null && !zone.isBlank()) {
            vm.withZones(List.of(zone));
        }
        arm.compute().getVirtualMachines().beginCreateOrUpdate(group, desired.name(), vm);
        return started(clusterId, desired, ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name()),
                attributes(Attributes.INSTANCE_TYPE, desired.attribute(Attributes.INSTANCE_TYPE), Attributes.DISK_GB, String.valueOf(diskGb)));
    }

    /** The VM takes its disk and NIC along; the NIC is deleted too in case a crash left it without its VM. */
    @Override
    protected void remove(String group, Observation observed) {
        String name = ArmIds.name(observed.cloudId());
        arm.compute().getVirtualMachines().beginDelete(group, name);
        AzureErrors.removing("DeleteNetworkInterface", () -> arm.network().getNetworkInterfaces().beginDelete(group, name + NIC_SUFFIX));
    }

    /** {@code publisher:offer:sku:version}, the form {@code az vm create --image} takes. */
    private ImageReference image(Resource desired) {
        String[] parts = required(desired, Attributes.IMAGE).split(":");
        if (parts.length != 4 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw invalid(desired, Attributes.IMAGE, "Azure images are publisher:offer:sku:version");
        }
        return new ImageReference().withPublisher(parts[0]).withOffer(parts[1]).withSku(parts[2]).withVersion(parts[3]);
    }

    private int diskGb(Resource desired) {
        String value = desired.attribute(Attributes.DISK_GB);
        if (value == null) {
            return 30;
        }
        try {
            int gb = Integer.parseInt(value);
            if (gb < 30 || gb > 4095) {
                throw invalid(desired, Attributes.DISK_GB, "an Azure OS disk is 30..4095 GiB");
            }
            return gb;
        } catch (NumberFormatException e) {
            throw invalid(desired, Attributes.DISK_GB, "must be a whole number of GiB");
        }
    }
}
