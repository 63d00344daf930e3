package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.ReadLag;
import dev.overcast.cloudsim.world.Throttle;
import dev.overcast.cloudsim.world.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Eventual consistency, throttling, injected faults and the call log, as the SDK sees them. */
class RealismTest {

    private static CloudSimConfig frozen() {
        return CloudSimConfig.defaults().withClock(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void describe_shouldMissAFreshVpc_untilTheReadLagHasPassed_withEventualConsistency() {
        try (CloudSim sim = CloudSim.start(frozen().withThrottling(false)); Ec2Client ec2 = Ec2Clients.of(sim)) {
            String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();

            for (int read = 0; read < 2; read++) {
                assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds(vpcId)))
                        .isInstanceOfSatisfying(Ec2Exception.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound"));
            }
            ec2.createTags(r -> r.resources(vpcId).tags(t -> t.key("k").value("v")));
            sim.world().advance(ReadLag.defaults().of("aws"));
            assertThat(ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs()).hasSize(1);
        }
    }

    @Test
    void describe_shouldAnswerRequestLimitExceeded_whenItsBucketIsEmpty_whileOtherBucketsAndAccountsServe() {
        CloudSimConfig config = frozen().withEventualConsistency(false)
                .withThrottleLimits(Throttle.Limits.defaults().with("aws", "non-mutating", new Throttle.Limit(2, 0.001)));
        try (CloudSim sim = CloudSim.start(config); Ec2Client ec2 = Ec2Clients.of(sim)) {
            ec2.describeVpcs();
            ec2.describeVpcs();

            assertThatThrownBy(ec2::describeVpcs).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.isThrottlingException()).isTrue();
            });
            assertThat(ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc()).isNotNull();
            Ec2Client otherAccount = Ec2Clients.of(sim, "111122223333", Region.US_EAST_1, false);
            assertThat(otherAccount.describeVpcs().vpcs()).isEmpty();
        }
    }

    @Test
    void failNext_shouldFailExactlyThatManyCalls_andTheCallLogCountsThem() {
        try (CloudSim sim = CloudSim.start(frozen().withEventualConsistency(false).withThrottling(false));
             Ec2Client ec2 = Ec2Clients.of(sim)) {
            sim.world().faults().failNext("aws", "CreateVpc", 2, "InternalError");

            assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
                        assertThat(e.statusCode()).isEqualTo(500);
                    });
            assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"))).isInstanceOf(Ec2Exception.class);
            assertThat(ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId()).startsWith("vpc-");
            ec2.describeVpcs();

            assertThat(sim.world().calls().count("aws", "CreateVpc")).isEqualTo(3);
            assertThat(sim.world().calls().total("aws")).isEqualTo(4);
            assertThat(sim.world().calls().byAction("aws")).containsEntry("DescribeVpcs", 1L);
        }
    }

    @Test
    void sdkRetries_shouldRideOutRandomRetryableFaults() {
        try (CloudSim sim = CloudSim.start(frozen().withEventualConsistency(false).withThrottling(false));
             Ec2Client ec2 = Ec2Clients.of(sim, Ec2Clients.ACCOUNT, Region.US_EAST_1, true)) {
            sim.world().faults().randomFaults(0.3, 7);

            for (int i = 0; i < 10; i++) {
                ec2.describeVpcs();
            }

            assertThat(sim.world().calls().count("aws", "DescribeVpcs")).isGreaterThan(10);
        }
    }
}
