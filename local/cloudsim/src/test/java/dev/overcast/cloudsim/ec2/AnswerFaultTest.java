package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.http.AnswerFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Answers lost or cut short after the work was done, as the real SDK client sees them. */
class AnswerFaultTest {

    private CloudSim sim;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        sim = CloudSim.start(CloudSimConfig.defaults().withEventualConsistency(false).withThrottling(false));
        ec2 = Ec2Clients.of(sim);
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    @Test
    void lostAnswer_shouldFailTheCallOnTheClient_afterTheWorkWasDone_andLeaveTheNextCallAlone() {
        sim.world().faults().failNext("aws", "CreateVpc", 1, AnswerFault.LOST.code());

        assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"))).isInstanceOf(SdkClientException.class);

        assertThat(ec2.describeVpcs().vpcs()).hasSize(1);
        assertThat(ec2.describeVpcs().vpcs()).hasSize(1);
    }

    @Test
    void truncatedAnswer_shouldFailToParseOnTheClient_afterTheWorkWasDone() {
        sim.world().faults().failNext("aws", "CreateVpc", 1, AnswerFault.TRUNCATED.code());

        assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"))).isInstanceOf(SdkClientException.class);

        assertThat(ec2.describeVpcs().vpcs()).hasSize(1);
    }
}
