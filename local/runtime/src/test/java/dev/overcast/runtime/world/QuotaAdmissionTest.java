package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.cluster.QuotaAdmission;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Admission against the accounts' quotas counts what running flows are about to create: EC2 allows 5 VPCs
 * per Region; with 3 in use, one create needing a VPC fits, but not next to two creates still under way.
 */
class QuotaAdmissionTest {
    private static final String REGION = "us-east-1";
    private final LocalWorld world = LocalWorld.start(Path.of("../.."));
    private final QuotaAdmission admission = new QuotaAdmission(world.store(), new ClusterPlans(world.store(), Planner.standard()));

    @AfterEach
    void stop() {
        world.close();
    }

    private static String spec(String name) {
        return """
                {"name": "%s", "clouds": ["aws"], "regions": {"aws": "%s"}, "masters": {"count": 1, "size": "small"}}"""
                .formatted(name, REGION);
    }

    private static Plan plan(String name) {
        return Planner.standard().plan(SpecReader.parseJson(spec(name)));
    }

    private void vpcsInUse(int count) {
        try (Ec2Client ec2 = world.ec2ByHand(REGION)) {
            for (int i = 0; i < count; i++) {
                ec2.createVpc(r -> r.cidrBlock("10.99.0.0/16"));
            }
        }
        // EC2 is eventually consistent: a fresh VPC is left out of describes until the read lag has passed.
        world.cloudSim().world().settle("aws", LocalWorld.AWS_ACCOUNT, Duration.ZERO);
    }

    @Test
    void create_shouldBeAdmitted_whenTheQuotaHoldsIt() {
        vpcsInUse(3);

        assertThatCode(() -> admission.admit(world.clouds().preflight(), plan("fits"))).doesNotThrowAnyException();
    }

    @Test
    void create_shouldBeRefusedWithThePreflightsWords_whenRunningCreatesWillTakeTheRoom() {
        vpcsInUse(3);
        world.store().clusters().create("building-1", "t1", "building-1", spec("building-1"));
        world.store().clusters().create("building-2", "t1", "building-2", spec("building-2"));

        assertThatThrownBy(() -> admission.admit(world.clouds().preflight(), plan("third")))
                .isInstanceOf(QuotaAdmission.QuotaRefused.class)
                .hasMessageStartingWith("quota: aws us-east-1 quota VPCs per Region: needs 3, limit 5, in use 3")
                .hasMessageContaining("request an increase in Service Quotas");
    }

    @Test
    void scaleOfAClusterUnderWay_shouldNotCountItsOwnPlanTwice() {
        vpcsInUse(4);
        world.store().clusters().create("growing", "t1", "growing", spec("growing"));

        assertThatCode(() -> admission.admit(world.clouds().preflight(), plan("growing"))).doesNotThrowAnyException();
    }
}
