package dev.overcast.clouds.aws.compute;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.number;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.ClientTokens;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * The {@code instance} kind: one EC2 instance in the plan's subnet behind the plan's security group,
 * its root volume sized as planned. RunInstances carries a client token derived from the cluster and
 * the name, so EC2 itself refuses to start a second copy when a create is retried.
 */
public final class InstanceClient extends Ec2ResourceClient {

    /** Terminated instances linger in describes for an hour; they are gone for us. */
    private static final Filter LIVE = Filter.builder().name("instance-state-name")
            .values("pending", "running", "shutting-down", "stopping", "stopped").build();
    private static final int MAX_DISK_GB = 16_384;
    /** States of an instance that will never run again. */
    private static final Set<String> GONE = Set.of("shutting-down", "terminated");
    /** Incarnations of one instance name tried per create; more means something deletes it as fast as we launch. */
    private static final int TOKEN_GENERATIONS = 8;
    /**
     * The planner boots Canonical's Ubuntu images (through an SSM alias that DescribeImages cannot
     * read), whose root device is /dev/sda1. The mapping resizes the root volume only under the
     * image's own root device name; another name would add a second disk.
     */
    static final String ROOT_DEVICE = "/dev/sda1";

    public InstanceClient(Ec2Clients clients) {
        super(ResourceKind.INSTANCE, clients);
    }

    /**
     * What EC2 fixes at launch (EC2 User Guide): user data is modifiable only on a stopped instance and a
     * modified one is not run at the next start ("Work with instance user data"); the instance type only on a
     * stopped instance (ModifyInstanceAttribute); the AMI, subnet, Availability Zone and primary private IPv4
     * address only at launch (RunInstances; "you can't change the primary private IPv4 address").
     */
    @Override
    public Set<String> createOnly() {
        return Set.of(Attributes.USER_DATA, Attributes.INSTANCE_TYPE, Attributes.IMAGE, Attributes.SUBNET_REF,
                Attributes.ZONE, Attributes.STATIC_PRIVATE_IP);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("instance.create", Duration.ofSeconds(60)))
                .delete(operation("instance.delete", Duration.ofSeconds(45)));
    }

    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        List<Filter> live = new ArrayList<>(filters);
        live.add(LIVE);
        return AwsErrors.call("DescribeInstances", () -> ec2.describeInstancesPaginator(r -> r.filters(live).maxResults(1000))
                .reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .flatMap(i -> state(i.state() == null ? null : i.state().nameAsString())
                        .flatMap(state -> observed(region, i.instanceId(), state, observedAttributes(i), i.tags())).stream())
                .toList());
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        String subnet = dependencies.require(required(desired, Attributes.SUBNET_REF)).cloudId();
        String firewall = dependencies.require(required(desired, Attributes.FIREWALL_REF)).cloudId();
        String imageId = required(desired, Attributes.IMAGE);
        int diskGb = (int) number(desired, Attributes.DISK_GB, 1, MAX_DISK_GB);
        RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                .imageId(imageId)
                .instanceType(required(desired, Attributes.INSTANCE_TYPE))
                .minCount(1)
                .maxCount(1)
                .subnetId(subnet)
                .securityGroupIds(firewall)
                .blockDeviceMappings(b -> b.deviceName(ROOT_DEVICE)
                        .ebs(e -> e.volumeSize(diskGb).volumeType(VolumeType.GP3).deleteOnTermination(true)))
                .tagSpecifications(
                        OwnedTags.specification(ResourceType.INSTANCE, clusterId, desired.name()),
                        OwnedTags.specification(ResourceType.VOLUME, clusterId, desired.name()));
        String userData = desired.attribute(Attributes.USER_DATA);
        if (userData != null && !userData.isBlank()) {
            request.userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
        }
        String token = ClientTokens.of(clusterId, desired.name());
        for (int generation = 0; generation < TOKEN_GENERATIONS; generation++) {
            request.clientToken(token);
            Optional<Instance> live = launch(ec2, request.build());
            if (live.isPresent()) {
                return created(clusterId, desired, live.get().instanceId(), ResourceState.CREATING, observedAttributes(live.get()));
            }
            token = ClientTokens.next(token);
        }
        throw new TerminalCloudException(Cloud.AWS, "RunInstances", "ClientTokensExhausted", desired.name()
                + " was created and lost " + TOKEN_GENERATIONS + " times; refusing to launch it again", null);
    }

    /**
     * The launched instance, or empty when the token belongs to an earlier incarnation: one terminated
     * since (EC2 answers a used token with the original instance, however dead) or launched with other
     * parameters (a subnet recreated since). The caller moves on to the token's successor, which is as
     * deterministic as the first, so a create retried after a crash still finds its own instance.
     */
    private static Optional<Instance> launch(Ec2Client ec2, RunInstancesRequest request) {
        try {
            return AwsErrors.call("RunInstances", () -> ec2.runInstances(request)).instances().stream()
                    .filter(i -> i.state() == null || !GONE.contains(i.state().nameAsString()))
                    .findFirst();
        } catch (TerminalCloudException e) {
            if ("IdempotentParameterMismatch".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        AwsErrors.removing("TerminateInstances", () -> ec2.terminateInstances(r -> r.instanceIds(observed.cloudId())));
    }

    /**
     * Not the image: the plan names an alias ("latest Ubuntu 22.04") that EC2 resolves to an AMI id at
     * launch, so comparing them would call every new image release drift.
     */
    private static Map<String, String> observedAttributes(Instance instance) {
        return attributes(
                Attributes.INSTANCE_TYPE, instance.instanceTypeAsString(),
                Attributes.ZONE, instance.placement() == null ? null : instance.placement().availabilityZone(),
                Outputs.PRIVATE_IP, instance.privateIpAddress());
    }
}
