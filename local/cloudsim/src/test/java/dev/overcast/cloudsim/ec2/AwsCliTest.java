package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A third-party client, the AWS CLI, against the EC2 front: create, describe by tag filter, delete a VPC. */
class AwsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exit, String out, String err) {}

    private static Result aws(CloudSim sim, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", sim.awsEndpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", Ec2Clients.ACCOUNT);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        builder.environment().put("AWS_DEFAULT_REGION", "eu-west-1");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_PAGER", "");
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static boolean awsCliPresent() {
        try {
            Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void awsCli_shouldCreateDescribeByTagAndDeleteAVpc() throws Exception {
        Assumptions.assumeTrue(awsCliPresent(), "awscli not installed: `aws --version` failed (apt-get install awscli)");
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withEventualConsistency(false))) {
            Result created = aws(sim, "ec2", "create-vpc", "--cidr-block", "10.20.0.0/16",
                    "--tag-specifications", "ResourceType=vpc,Tags=[{Key=overcast:cluster,Value=cli}]");
            assertThat(created.exit()).as(created.err()).isZero();
            String vpcId = JSON.readTree(created.out()).path("Vpc").path("VpcId").asText();

            Result described = aws(sim, "ec2", "describe-vpcs", "--filters", "Name=tag:overcast:cluster,Values=cli");
            assertThat(described.exit()).as(described.err()).isZero();
            JsonNode vpcs = JSON.readTree(described.out()).path("Vpcs");

            Result deleted = aws(sim, "ec2", "delete-vpc", "--vpc-id", vpcId);
            Result missing = aws(sim, "ec2", "delete-vpc", "--vpc-id", vpcId);

            assertThat(vpcId).startsWith("vpc-");
            assertThat(vpcs).hasSize(1);
            assertThat(vpcs.get(0).path("VpcId").asText()).isEqualTo(vpcId);
            assertThat(vpcs.get(0).path("CidrBlock").asText()).isEqualTo("10.20.0.0/16");
            assertThat(vpcs.get(0).path("OwnerId").asText()).isEqualTo(Ec2Clients.ACCOUNT);
            assertThat(vpcs.get(0).path("Tags").get(0).path("Value").asText()).isEqualTo("cli");
            assertThat(deleted.exit()).as(deleted.err()).isZero();
            assertThat(missing.exit()).isNotZero();
            assertThat(missing.err()).contains("InvalidVpcID.NotFound");
            assertThat(sim.world().resources("aws", Ec2Clients.ACCOUNT)).isEmpty();
        }
    }
}
