package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcState;

/** Round trips of the real SDK v2 EC2 client through the front: shapes, filters, pagination, errors. */
class Ec2FrontTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private CloudSim sim;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        sim = CloudSim.start(CloudSimConfig.defaults()
                .withClock(VirtualClock.fixed(START))
                .withEventualConsistency(false)
                .withThrottling(false));
        ec2 = Ec2Clients.of(sim);
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private static TagSpecification tags(ResourceType type, String key, String value) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key(key).value(value).build()).build();
    }

    private Vpc createVpc(String cidr, String cluster) {
        return ec2.createVpc(r -> r.cidrBlock(cidr).tagSpecifications(tags(ResourceType.VPC, "overcast:cluster", cluster))).vpc();
    }

    @Test
    void createVpc_shouldBePendingThenAvailable_andFoundByTagFilter() {
        Vpc created = createVpc("10.0.0.0/16", "c1");
        createVpc("10.1.0.0/16", "c2");

        assertThat(created.vpcId()).matches("vpc-0[0-9a-f]{16}");
        assertThat(created.state()).isEqualTo(VpcState.PENDING);
        assertThat(created.ownerId()).isEqualTo(Ec2Clients.ACCOUNT);
        assertThat(created.tags()).containsExactly(Tag.builder().key("overcast:cluster").value("c1").build());

        sim.world().advance(Duration.ofMinutes(1));
        List<Vpc> found = ec2.describeVpcs(r -> r.filters(Filter.builder().name("tag:overcast:cluster").values("c1").build())).vpcs();

        assertThat(found).extracting(Vpc::vpcId).containsExactly(created.vpcId());
        assertThat(found.get(0).state()).isEqualTo(VpcState.AVAILABLE);
        assertThat(found.get(0).cidrBlock()).isEqualTo("10.0.0.0/16");
    }

    @Test
    void describeSubnets_shouldPageThroughEverySubnet_withMaxResultsAndNextToken() {
        Vpc vpc = createVpc("10.0.0.0/16", "c1");
        for (int i = 0; i < 7; i++) {
            int third = i;
            ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0." + third + ".0/24").availabilityZone("us-east-1b"));
        }

        DescribeSubnetsResponse first = ec2.describeSubnets(r -> r.maxResults(5));
        DescribeSubnetsResponse second = ec2.describeSubnets(r -> r.maxResults(5).nextToken(first.nextToken()));
        List<Subnet> all = ec2.describeSubnetsPaginator(r -> r.maxResults(5)).subnets().stream().toList();

        assertThat(first.subnets()).hasSize(5);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(second.subnets()).hasSize(2);
        assertThat(second.nextToken()).isNull();
        assertThat(all).hasSize(7).allSatisfy(s -> {
            assertThat(s.vpcId()).isEqualTo(vpc.vpcId());
            assertThat(s.availabilityZone()).isEqualTo("us-east-1b");
            assertThat(s.availabilityZoneId()).isEqualTo("use1-az2");
            assertThat(s.availableIpAddressCount()).isEqualTo(251);
        });
    }

    @Test
    void deleteVpc_shouldFailWithDependencyViolation_whileSubnetsRemain() {
        Vpc vpc = createVpc("10.0.0.0/16", "c1");
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24")).subnet();

        assertThatThrownBy(() -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DependencyViolation");
                    assertThat(e.statusCode()).isEqualTo(400);
                });

        ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));
        ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
        assertThat(sim.world().resources("aws", Ec2Clients.ACCOUNT)).isEmpty();
    }

    @Test
    void createVpc_shouldFailWithVpcLimitExceeded_beyondFivePerRegion() {
        for (int i = 0; i < 5; i++) {
            createVpc("10." + i + ".0.0/16", "c1");
        }

        assertThatThrownBy(() -> createVpc("10.9.0.0/16", "c1"))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("VpcLimitExceeded"));
        Ec2Client otherRegion = Ec2Clients.of(sim, Ec2Clients.ACCOUNT, software.amazon.awssdk.regions.Region.EU_WEST_1, false);
        assertThat(otherRegion.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId()).startsWith("vpc-");
    }

    @Test
    void describeVpcs_shouldFailWithNotFound_forUnknownId() {
        assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("vpc-0123456789abcdef0");
                });
    }

    @Test
    void dryRun_shouldAnswerDryRunOperation_andChangeNothing() {
        assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").dryRun(true)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
                    assertThat(e.statusCode()).isEqualTo(412);
                });
        assertThat(sim.world().resources("aws", Ec2Clients.ACCOUNT)).isEmpty();
    }

    @Test
    void unknownAction_andUnknownRegion_shouldBeRefusedWithEc2Codes() {
        Ec2Client nowhere = Ec2Clients.of(sim, Ec2Clients.ACCOUNT, software.amazon.awssdk.regions.Region.of("xx-nowhere-1"), false);

        // Over the URL-connection client the SDK reports this 401 without its error code (the body, which curl
        // shows as AuthFailure, does not reach it), so the status is what can be asserted.
        assertThatThrownBy(nowhere::describeVpcs)
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(401));
        assertThatThrownBy(() -> ec2.describeVpcEndpoints())
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction"));
        assertThat(sim.world().calls().count("aws", "DescribeVpcEndpoints")).isEqualTo(1);
    }

    @Test
    void accounts_shouldBeSeparate_byAccessKey() {
        createVpc("10.0.0.0/16", "c1");
        Ec2Client other = Ec2Clients.of(sim, "AKIAOTHERKEY", software.amazon.awssdk.regions.Region.US_EAST_1, false);

        assertThat(other.describeVpcs().vpcs()).isEmpty();
        assertThat(sim.world().resources("aws", "000000000000")).isEmpty();
        assertThat(sim.world().resources("aws", Ec2Clients.ACCOUNT)).extracting(v -> v.type())
                .containsExactlyInAnyOrder("vpc", "route-table", "security-group");
    }
}
