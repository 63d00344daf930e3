package dev.overcast.clouds.aws;

import dev.overcast.core.cloud.contract.CloudAdapterContract;
import dev.overcast.core.cloud.contract.ContractTarget;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same contract against LocalStack's EC2, where a Docker engine exists; skipped (not failed)
 * elsewhere. LocalStack counts no calls, so its run skips the batching check; cloudsim's run measures it.
 */
@Testcontainers(disabledWithoutDocker = true)
class AwsAdapterLocalStackContractTest extends CloudAdapterContract {

    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.EC2);

    /** One of the images LocalStack's EC2 (moto) registers by default. */
    private static final String MOTO_DEFAULT_IMAGE = "ami-03cf127a";

    @Override
    protected ContractTarget openTarget() {
        return new AwsTarget(LOCALSTACK.getEndpoint(), new AwsCredentials.StaticKeys("000000000000", "test"),
                AwsConfig.DEFAULT_MAX_ATTEMPTS, MOTO_DEFAULT_IMAGE, AwsAdapterLocalStackContractTest::pause, null, () -> { });
    }

    /** LocalStack runs on real time: settling is waiting a moment. */
    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while LocalStack settles", e);
        }
    }
}
