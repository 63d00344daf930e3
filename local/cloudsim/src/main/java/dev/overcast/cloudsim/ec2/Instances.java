package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Instances: RunInstances (idempotent by {@code ClientToken}), describe by reservation, stop/start,
 * modify type and groups, terminate. Terminated instances stay listed as {@code terminated} for a while.
 */
final class Instances {

    static final String INSTANCE = "instance";

    private static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final String SSM_PREFIX = "resolve:ssm:";
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Map<String, Integer> STATE_CODES = Map.of(
            "pending", 0, "running", 16, "shutting-down", 32, "terminated", 48, "stopping", 64, "stopped", 80);

    private static final Filters FILTERS = Filters.of(Map.ofEntries(
            Map.entry("instance-id", Filters.id()),
            Map.entry("instance-state-name", Filters.state()),
            Map.entry("instance-state-code", (r, now) -> List.of(String.valueOf(STATE_CODES.get(r.state(now))))),
            Map.entry("instance-type", Filters.attribute("instanceType")),
            Map.entry("image-id", Filters.attribute("imageId")),
            Map.entry("vpc-id", Filters.attribute("vpcId")),
            Map.entry("subnet-id", Filters.attribute("subnetId")),
            Map.entry("private-ip-address", Filters.attribute("privateIpAddress")),
            Map.entry("ip-address", Filters.attribute("ipAddress")),
            Map.entry("reservation-id", Filters.attribute("reservationId")),
            Map.entry("availability-zone", Filters.attribute("availabilityZone")),
            Map.entry("client-token", Filters.attribute("clientToken")),
            Map.entry("instance.group-id", Filters.listed("groups", "groupId")),
            Map.entry("instance.group-name", Filters.listed("groups", "groupName"))));

    private final Idempotency idempotency;

    Instances(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("RunInstances", this::run);
        actions.put("DescribeInstances", this::describe);
        actions.put("TerminateInstances", this::terminate);
        actions.put("StopInstances", (call, out) -> change(call, out, "stop", "running", "stopping", "stopped"));
        actions.put("StartInstances", (call, out) -> change(call, out, "start", "stopped", "pending", "running"));
        actions.put("ModifyInstanceAttribute", this::modify);
    }

    private void run(Ec2Call call, Xml out) {
        List<SimResource> launched = idempotency.earlier(call).orElseGet(() -> launch(call));
        renderReservation(out, call, launched);
    }

    /**
     * EC2 accepts {@code resolve:ssm:PARAMETER} in place of an AMI id and launches the AMI the public
     * parameter names; the world has no parameter store, so each parameter names one stable AMI.
     */
    private static String resolveImage(String imageId) {
        if (!imageId.startsWith(SSM_PREFIX)) {
            return imageId;
        }
        String parameter = imageId.substring(SSM_PREFIX.length());
        return "ami-" + String.format("%08x", parameter.hashCode()) + "0000000ab";
    }

    private List<SimResource> launch(Ec2Call call) {
        String imageId = resolveImage(call.required("ImageId"));
        if (!IMAGE_ID.matcher(imageId).matches()) {
            throw new CloudError("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        String instanceType = instanceType(call.param("InstanceType", "m1.small"));
        int min = positive(call, "MinCount");
        int max = positive(call, "MaxCount");
        if (min > max) {
            throw Ec2Call.invalid("MinCount (" + min + ") must not exceed MaxCount (" + max + ").");
        }
        String subnetId = call.param("SubnetId");
        if (subnetId == null) {
            throw new CloudError("VPCIdNotSpecified", "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.");
        }
        SimResource subnet = call.require(Networks.SUBNET, subnetId, "InvalidSubnetID.NotFound");
        List<SimResource> groups = new ArrayList<>();
        for (String groupId : call.list("SecurityGroupId")) {
            SimResource group = call.require(SecurityGroups.SECURITY_GROUP, groupId, "InvalidGroup.NotFound");
            if (!group.attribute("vpcId").equals(subnet.attribute("vpcId"))) {
                throw Ec2Call.invalid("Security group " + groupId + " and subnet " + subnetId + " belong to different networks.");
            }
            groups.add(group);
        }
        if (groups.isEmpty()) {
            groups.add(call.live(SecurityGroups.SECURITY_GROUP).stream()
                    .filter(g -> subnet.attribute("vpcId").equals(g.attribute("vpcId")) && "default".equals(g.attribute("groupName")))
                    .findFirst().orElseThrow(() -> new CloudError("InvalidGroup.NotFound", "The VPC has no default security group.")));
        }
        String userData = call.param("UserData");
        if (userData != null) {
            try {
                Base64.getMimeDecoder().decode(userData);
            } catch (IllegalArgumentException e) {
                throw Ec2Call.invalid("Invalid BASE64 encoding of user data.");
            }
        }
        String fixedAddress = fixedPrivateAddress(call, subnet, max);
        String reservationId = call.world().newId("r");
        List<SimResource> launched = new ArrayList<>();
        for (int index = 0; index < max; index++) {
            int launchIndex = index;
            SimResource instance = call.create(INSTANCE, "i", "pending", "running", "instance", r -> {
                r.attributes().put("reservationId", reservationId);
                r.attributes().put("imageId", imageId);
                r.attributes().put("instanceType", instanceType);
                r.attributes().put("subnetId", subnet.id());
                r.attributes().put("vpcId", subnet.attribute("vpcId"));
                r.attributes().put("availabilityZone", subnet.attribute("availabilityZone"));
                r.attributes().put("privateIpAddress", fixedAddress != null ? fixedAddress : nextPrivateAddress(call, subnet));
                r.attributes().put("amiLaunchIndex", String.valueOf(launchIndex));
                r.attributes().put("launchTime", call.now().toString());
                r.attributes().put("clientToken", call.param("ClientToken"));
                r.attributes().put("keyName", call.param("KeyName"));
                r.attributes().put("userData", userData);
                r.attributes().values().removeIf(java.util.Objects::isNull);
                groups.forEach(g -> r.list("groups").add(new LinkedHashMap<>(Map.of("groupId", g.id(), "groupName", g.attribute("groupName")))));
                for (Map<String, String> mapping : call.structs("BlockDeviceMapping")) {
                    Map<String, String> device = new LinkedHashMap<>();
                    device.put("deviceName", mapping.getOrDefault("DeviceName", "/dev/xvda"));
                    device.put("volumeId", call.world().newId("vol"));
                    device.put("volumeSize", mapping.getOrDefault("Ebs.VolumeSize", "8"));
                    device.put("volumeType", mapping.getOrDefault("Ebs.VolumeType", "gp3"));
                    device.put("deleteOnTermination", mapping.getOrDefault("Ebs.DeleteOnTermination", "true"));
                    r.list("blockDevices").add(device);
                }
                r.dependsOn().add(subnet.id());
                groups.forEach(g -> r.dependsOn().add(g.id()));
            });
            launched.add(instance);
        }
        idempotency.remember(call, launched);
        return launched;
    }

    /**
     * {@code PrivateIpAddress}: one instance only, inside the subnet, clear of the four addresses AWS
     * keeps at its start and the last, and not held by a live instance.
     */
    private static String fixedPrivateAddress(Ec2Call call, SimResource subnet, int count) {
        String address = call.param("PrivateIpAddress");
        if (address == null) {
            return null;
        }
        if (count > 1) {
            throw new CloudError("InvalidParameterCombination", "Cannot specify PrivateIpAddress when launching more than one instance.");
        }
        String cidr = subnet.attribute("cidrBlock");
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}") || !Cidr.contains(cidr, address + "/32")) {
            throw Ec2Call.invalid("Address " + address + " is not in subnet " + subnet.id() + " (" + cidr + ").");
        }
        long offset = Cidr.hostIndex(cidr, address);
        if (offset < 4 || offset == Cidr.size(cidr) - 1) {
            throw Ec2Call.invalid("Address " + address + " is reserved in subnet " + subnet.id() + ".");
        }
        boolean taken = call.live(INSTANCE).stream().anyMatch(i -> address.equals(i.attribute("privateIpAddress")));
        if (taken) {
            throw new CloudError("InvalidIPAddress.InUse", "Address " + address + " is in use.");
        }
        return address;
    }

    /** Hosts from {@code .4} on: AWS keeps the first four addresses of every subnet (and the last). */
    private static String nextPrivateAddress(Ec2Call call, SimResource subnet) {
        String[] cidr = subnet.attribute("cidrBlock").split("/");
        String[] octets = cidr[0].split("\\.");
        long base = 0;
        for (String octet : octets) {
            base = base * 256 + Integer.parseInt(octet);
        }
        Set<String> held = call.live(INSTANCE).stream().map(i -> i.attribute("privateIpAddress")).collect(Collectors.toSet());
        int next = Integer.parseInt(subnet.attributes().getOrDefault("nextHost", "4").toString());
        String address;
        do {
            if (next >= Cidr.size(subnet.attribute("cidrBlock")) - 1) {
                throw new CloudError("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '" + subnet.id() + "'.");
            }
            long value = base + next++;
            address = (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
        } while (held.contains(address));
        subnet.attributes().put("nextHost", String.valueOf(next));
        return address;
    }

    private static String instanceType(String given) {
        if (!INSTANCE_TYPE.matcher(given).matches()) {
            throw Ec2Call.invalid("Invalid value '" + given + "' for InstanceType.");
        }
        return given;
    }

    private static int positive(Ec2Call call, String name) {
        Integer value = call.integer(name);
        if (value == null) {
            throw new CloudError("MissingParameter", "The request must contain the parameter " + name);
        }
        if (value < 1) {
            throw Ec2Call.invalid("Value (" + value + ") for parameter " + name + " is invalid: must be at least 1.");
        }
        return value;
    }

    private void describe(Ec2Call call, Xml out) {
        // DescribeInstances' MaxResults: "You cannot specify this parameter and the instance IDs parameter in the
        // same request" (botocore ec2 model, DescribeInstancesRequest).
        if (!call.list("InstanceId").isEmpty() && call.param("MaxResults") != null) {
            throw new CloudError("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        List<SimResource> instances = call.describe(INSTANCE, "InstanceId", "InvalidInstanceID.NotFound", FILTERS);
        Page<SimResource> page = Page.of(call, instances);
        Map<String, List<SimResource>> byReservation = new LinkedHashMap<>();
        page.items().forEach(i -> byReservation.computeIfAbsent(i.attribute("reservationId"), r -> new ArrayList<>()).add(i));
        out.start("reservationSet");
        byReservation.values().forEach(reservation -> renderReservation(out.start("item"), call, reservation).end());
        out.end().el("nextToken", page.nextToken());
    }

    private void terminate(Ec2Call call, Xml out) {
        List<String> ids = call.list("InstanceId");
        if (ids.isEmpty()) {
            throw new CloudError("MissingParameter", "The request must contain the parameter InstanceId");
        }
        List<SimResource> instances = new ArrayList<>();
        for (String id : ids) {
            instances.add(call.world().find(Ec2Call.FRONT, call.account(), call.region(), id)
                    .filter(r -> r.type().equals(INSTANCE))
                    .orElseThrow(() -> Ec2Call.notFound("InvalidInstanceID.NotFound", INSTANCE, id)));
        }
        out.start("instancesSet");
        for (SimResource instance : instances) {
            String previous = instance.state(call.now());
            Addresses.releaseFrom(call, instance.id());
            call.world().retire(instance, "shutting-down", "terminated");
            out.start("item").el("instanceId", instance.id());
            // Read after the change: on a running clock the retirement starts after the instant read above.
            state(out, "currentState", instance.state(call.now()));
            state(out, "previousState", previous);
            out.end();
        }
        out.end();
    }

    private void change(Ec2Call call, Xml out, String operation, String from, String transitional, String target) {
        out.start("instancesSet");
        for (String id : call.list("InstanceId")) {
            SimResource instance = call.require(INSTANCE, id, "InvalidInstanceID.NotFound");
            String previous = instance.state(call.now());
            if (!previous.equals(from) && !previous.equals(transitional) && !previous.equals(target)) {
                throw new CloudError("IncorrectInstanceState",
                        "The instance '" + id + "' is not in a state from which it can be " + (operation.equals("stop") ? "stopped" : "started") + ".");
            }
            if (previous.equals(from)) {
                call.world().transition(instance, operation, transitional, target);
            }
            out.start("item").el("instanceId", id);
            state(out, "currentState", instance.state(call.now()));
            state(out, "previousState", previous);
            out.end();
        }
        out.end();
    }

    private void modify(Ec2Call call, Xml out) {
        SimResource instance = call.require(INSTANCE, call.required("InstanceId"), "InvalidInstanceID.NotFound");
        String type = call.param("InstanceType.Value", "instanceType".equals(call.param("Attribute")) ? call.param("Value") : null);
        List<String> groupIds = call.list("GroupId");
        if (type == null && groupIds.isEmpty()) {
            throw new CloudError("MissingParameter", "The request must name one attribute to modify, such as InstanceType or GroupId.");
        }
        if (type != null) {
            if (!instance.state(call.now()).equals("stopped")) {
                throw new CloudError("IncorrectInstanceState", "The instance '" + instance.id() + "' is not in the 'stopped' state.");
            }
            instance.attributes().put("instanceType", instanceType(type));
        }
        if (!groupIds.isEmpty()) {
            List<SimResource> groups = new ArrayList<>();
            for (String groupId : groupIds) {
                SimResource group = call.require(SecurityGroups.SECURITY_GROUP, groupId, "InvalidGroup.NotFound");
                if (!group.attribute("vpcId").equals(instance.attribute("vpcId"))) {
                    throw Ec2Call.invalid("Security group " + groupId + " and instance " + instance.id() + " belong to different networks.");
                }
                groups.add(group);
            }
            instance.list("groups").forEach(g -> instance.dependsOn().remove(g.get("groupId")));
            instance.list("groups").clear();
            for (SimResource group : groups) {
                instance.list("groups").add(new LinkedHashMap<>(Map.of("groupId", group.id(), "groupName", group.attribute("groupName"))));
                instance.dependsOn().add(group.id());
            }
        }
        out.el("return", true);
    }

    private static Xml renderReservation(Xml out, Ec2Call call, List<SimResource> instances) {
        out.el("reservationId", instances.isEmpty() ? null : instances.get(0).attribute("reservationId"))
                .el("ownerId", call.account())
                .start("groupSet").end()
                .start("instancesSet");
        instances.forEach(instance -> renderInstance(out.start("item"), call, instance).end());
        return out.end();
    }

    private static Xml renderInstance(Xml out, Ec2Call call, SimResource instance) {
        String state = instance.state(call.now());
        String privateIp = instance.attribute("privateIpAddress");
        String domain = call.region().equals("us-east-1") ? "ec2.internal" : call.region() + ".compute.internal";
        out.el("instanceId", instance.id()).el("imageId", instance.attribute("imageId"));
        state(out, "instanceState", state);
        out.el("privateDnsName", state.equals("terminated") ? "" : "ip-" + privateIp.replace('.', '-') + "." + domain)
                .el("dnsName", "")
                .el("reason", state.equals("terminated") || state.equals("shutting-down") ? "User initiated" : "")
                .el("keyName", instance.attribute("keyName"))
                .el("amiLaunchIndex", instance.attribute("amiLaunchIndex"))
                .start("productCodes").end()
                .el("instanceType", instance.attribute("instanceType"))
                .el("launchTime", instance.attribute("launchTime"))
                .start("placement").el("availabilityZone", instance.attribute("availabilityZone")).el("tenancy", "default").end()
                .start("monitoring").el("state", "disabled").end()
                .el("subnetId", instance.attribute("subnetId"))
                .el("vpcId", instance.attribute("vpcId"))
                .el("privateIpAddress", state.equals("terminated") ? null : privateIp)
                .el("ipAddress", instance.attribute("ipAddress"))
                .el("sourceDestCheck", true)
                .start("groupSet");
        instance.list("groups").forEach(g -> out.start("item").el("groupId", g.get("groupId")).el("groupName", g.get("groupName")).end());
        out.end().el("architecture", "x86_64").el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/xvda").start("blockDeviceMapping");
        if (!state.equals("terminated")) {
            instance.list("blockDevices").forEach(d -> out.start("item").el("deviceName", d.get("deviceName"))
                    .start("ebs").el("volumeId", d.get("volumeId")).el("status", "attached")
                    .el("attachTime", instance.attribute("launchTime")).el("deleteOnTermination", d.get("deleteOnTermination")).end()
                    .end());
        }
        return out.end().el("virtualizationType", "hvm").el("clientToken", instance.attribute("clientToken"))
                .tags(instance.tags()).el("hypervisor", "xen").el("ebsOptimized", false).el("enaSupport", true);
    }

    private static void state(Xml out, String element, String name) {
        out.start(element).el("code", STATE_CODES.get(name)).el("name", name).end();
    }
}
