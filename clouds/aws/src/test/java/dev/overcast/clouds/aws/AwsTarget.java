package dev.overcast.clouds.aws;

import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.contract.ContractTarget;
import java.net.URI;
import java.util.function.LongSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/**
 * The contract suite's view of an EC2 endpoint (cloudsim or LocalStack). Changes "by hand" go through a
 * plain SDK client of its own, as a person in the console would make them, never through the adapter.
 */
final class AwsTarget implements ContractTarget {

    static final String REGION = "eu-west-1";

    private final AwsAdapter adapter;
    private final Ec2Client byHand;
    private final Runnable settle;
    private final LongSupplier calls;
    private final AutoCloseable world;
    private final String image;

    /** @param calls API calls the endpoint received, or {@code null} when it cannot count them */
    AwsTarget(URI endpoint, AwsCredentials.StaticKeys keys, int maxAttempts, String image, Runnable settle, LongSupplier calls,
              AutoCloseable world) {
        this.adapter = new AwsAdapter(AwsConfig.of(keys).withEndpoint(endpoint).withMaxAttempts(maxAttempts), SECRETS);
        this.byHand = Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .build();
        this.settle = settle;
        this.calls = calls;
        this.world = world;
        this.image = image;
    }

    @Override
    public CloudAdapter adapter() {
        return adapter;
    }

    AwsAdapter awsAdapter() {
        return adapter;
    }

    @Override
    public String region() {
        return REGION;
    }

    @Override
    public String zone() {
        return REGION + "a";
    }

    @Override
    public String image() {
        return image;
    }

    @Override
    public String instanceType() {
        return "t3.medium";
    }

    @Override
    public void settle() {
        settle.run();
    }

    @Override
    public long apiCalls() {
        return calls == null ? 0 : calls.getAsLong();
    }

    @Override
    public boolean countsApiCalls() {
        return calls != null;
    }

    @Override
    public void revokeFirstIngressRuleByHand(Observation firewall) {
        IpPermission first = byHand.describeSecurityGroups(r -> r.groupIds(firewall.cloudId())).securityGroups().get(0).ipPermissions().get(0);
        IpRange range = first.ipRanges().get(0);
        byHand.revokeSecurityGroupIngress(r -> r.groupId(firewall.cloudId()).ipPermissions(first.toBuilder().ipRanges(range).build()));
    }

    @Override
    public void plantUntaggedNetwork() {
        byHand.createVpc(r -> r.cidrBlock("10.99.0.0/16"));
    }

    @Override
    public void close() {
        adapter.close();
        byHand.close();
        try {
            world.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the EC2 endpoint", e);
        }
    }
}
