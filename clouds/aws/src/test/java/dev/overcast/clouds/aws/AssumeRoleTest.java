package dev.overcast.clouds.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.exceptions.CloudException;
import dev.overcast.core.cloud.contract.ContractTarget;
import dev.overcast.core.plan.ResourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production credential path is the same code as the local one: an assumed role is fetched from
 * STS at the configured endpoint before the first EC2 call. cloudsim serves no STS, so the session is
 * refused there, and the refusal arrives as a classified cloud failure rather than a raw SDK error.
 */
class AssumeRoleTest {

    /** The caller's own identity (a Lambda's role in production) comes from the SDK's default chain. */
    private static final String KEY_PROPERTY = "aws.accessKeyId";
    private static final String SECRET_PROPERTY = "aws.secretAccessKey";
    private static final AwsCredentials ROLE = new AwsCredentials.AssumeRole("arn:aws:iam::210987654321:role/OvercastProvisioner",
            "tenant-42", "overcast-test");

    @BeforeEach
    void callerIdentity() {
        System.setProperty(KEY_PROPERTY, "111122223333");
        System.setProperty(SECRET_PROPERTY, "caller-secret");
    }

    @AfterEach
    void forgetCallerIdentity() {
        System.clearProperty(KEY_PROPERTY);
        System.clearProperty(SECRET_PROPERTY);
    }

    @Test
    void observe_shouldAssumeTheRoleFirst_andActInTheRolesAccount() {
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults())) {
            try (AwsAdapter adapter = new AwsAdapter(AwsConfig.of(ROLE).withEndpoint(sim.awsEndpoint()).withMaxAttempts(1), ContractTarget.SECRETS)) {

                assertThat(adapter.client(ResourceKind.NETWORK).observe("cluster-1", "eu-west-1")).isEmpty();
            }
            assertThat(sim.world().calls().count(CloudSimWorld.FRONT, "AssumeRole")).isEqualTo(1);
            assertThat(sim.world().calls().count(CloudSimWorld.FRONT, "DescribeVpcs")).isEqualTo(1);
            assertThat(sim.world().iam().needed(CloudSimWorld.FRONT)).containsExactly("ec2:DescribeVpcs");
        }
    }

    @Test
    void observe_shouldAskStsForTheRoleFirst_andFailClassified_whenTheRoleRefuses() {
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults())) {
            sim.world().iam().deny(CloudSimWorld.FRONT, "210987654321", "sts:AssumeRole");
            try (AwsAdapter adapter = new AwsAdapter(AwsConfig.of(ROLE).withEndpoint(sim.awsEndpoint()).withMaxAttempts(1), ContractTarget.SECRETS)) {

                assertThatThrownBy(() -> adapter.client(ResourceKind.NETWORK).observe("cluster-1", "eu-west-1"))
                        .isInstanceOf(CloudException.class)
                        .hasMessageContaining("DescribeVpcs");
            }
            assertThat(sim.world().calls().count(CloudSimWorld.FRONT, "AssumeRole")).isEqualTo(1);
            assertThat(sim.world().calls().count(CloudSimWorld.FRONT, "DescribeVpcs")).isZero();
        }
    }
}
