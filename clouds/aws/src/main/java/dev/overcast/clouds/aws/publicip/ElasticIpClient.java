package dev.overcast.clouds.aws.publicip;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The {@code public-ip} kind: a VPC Elastic IP; its address is the {@code publicIp} output. */
public final class ElasticIpClient extends Ec2ResourceClient {

    public ElasticIpClient(Ec2Clients clients) {
        super(ResourceKind.PUBLIC_IP, clients);
    }

    /** DescribeAddresses has no pages: one call answers for every address of the region. */
    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        return AwsErrors.call("DescribeAddresses", () -> ec2.describeAddresses(r -> r.filters(filters)).addresses().stream()
                .flatMap(a -> observed(region, a.allocationId(), ResourceState.READY, attributes(Outputs.PUBLIC_IP, a.publicIp()), a.tags()).stream())
                .toList());
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        AllocateAddressResponse allocated = AwsErrors.call("AllocateAddress", () -> ec2.allocateAddress(r -> r.domain(DomainType.VPC)
                .tagSpecifications(OwnedTags.specification(ResourceType.ELASTIC_IP, clusterId, desired.name()))));
        return created(clusterId, desired, allocated.allocationId(), ResourceState.READY, attributes(Outputs.PUBLIC_IP, allocated.publicIp()));
    }

    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        AwsErrors.removing("ReleaseAddress", () -> ec2.releaseAddress(r -> r.allocationId(observed.cloudId())));
    }
}
