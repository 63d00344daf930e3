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
    void observe_shouldAskStsForTheRoleFirst_andFailClassified_whenNoSessionIsGiven() {
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults())) {
            AwsCredentials role = new AwsCredentials.AssumeRole("arn:aws:iam::210987654321:role/OvercastProvisioner", "tenant-42", "overcast-test");
            try (AwsAdapter adapter = new AwsAdapter(AwsConfig.of(role).withEndpoint(sim.awsEndpoint()).withMaxAttempts(1), ContractTarget.SECRETS)) {

                assertThatThrownBy(() -> adapter.client(ResourceKind.NETWORK).observe("cluster-1", "eu-west-1"))
                        .isInstanceOf(CloudException.class)
                        .hasMessageContaining("DescribeVpcs");
            }
            assertThat(sim.world().calls().count(CloudSimWorld.FRONT, "AssumeRole")).isEqualTo(1);
            assertThat(sim.world().calls().count(CloudSimWorld.FRONT, "DescribeVpcs")).isZero();
        }
    }
}
