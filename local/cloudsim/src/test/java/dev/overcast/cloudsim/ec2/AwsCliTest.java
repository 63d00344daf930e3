package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A client in another language than Overcast's SDK, the AWS CLI (Debian's {@code awscli}, botocore underneath),
 * against the EC2 and STS front: every kind Overcast uses through create, read, list, update and delete, with
 * the error each refusal answers. Skipped with a reason where {@code aws} is missing.
 */
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

    /** Runs an {@code aws ec2} command that must succeed and answers its JSON output. */
    private static JsonNode ec2(CloudSim sim, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ec2"));
        command.addAll(List.of(args));
        Result result = aws(sim, command.toArray(String[]::new));
        assertThat(result.exit()).as("aws ec2 %s: %s", String.join(" ", args), result.err()).isZero();
        return result.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.out());
    }

    /** Runs an {@code aws ec2} command that EC2 refuses with {@code code}. */
    private static void refused(String code, CloudSim sim, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ec2"));
        command.addAll(List.of(args));
        Result result = aws(sim, command.toArray(String[]::new));
        assertThat(result.exit()).as("aws ec2 %s should fail", String.join(" ", args)).isNotZero();
        assertThat(result.err()).as("aws ec2 %s", String.join(" ", args)).contains("(" + code + ")");
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

    @Test
    void awsCli_shouldDriveEveryKindOvercastUses_throughCreateReadListUpdateDelete_andItsErrors() throws Exception {
        Assumptions.assumeTrue(awsCliPresent(), "awscli not installed: `aws --version` failed (apt-get install awscli)");
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withClock(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z")))
                .withEventualConsistency(false).withThrottling(false))) {
            Result identity = aws(sim, "sts", "get-caller-identity");
            assertThat(identity.exit()).as(identity.err()).isZero();
            assertThat(JSON.readTree(identity.out()).path("Account").asText()).isEqualTo(Ec2Clients.ACCOUNT);

            // network: VPC (tagged, found by filter), subnets paged, internet gateway, route table and routes
            refused("InvalidVpc.Range", sim, "create-vpc", "--cidr-block", "10.0.0.0/29");
            String vpc = ec2(sim, "create-vpc", "--cidr-block", "10.0.0.0/16",
                    "--tag-specifications", "ResourceType=vpc,Tags=[{Key=overcast:cluster,Value=cli}]").path("Vpc").path("VpcId").asText();
            ec2(sim, "modify-vpc-attribute", "--vpc-id", vpc, "--enable-dns-hostnames", "{\"Value\":true}");
            for (int i = 0; i < 7; i++) {
                ec2(sim, "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0." + i + ".0/24", "--availability-zone", "eu-west-1a");
            }
            refused("InvalidSubnet.Conflict", sim, "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.0.0/20");
            JsonNode subnets = ec2(sim, "describe-subnets", "--filters", "Name=vpc-id,Values=" + vpc, "--page-size", "5").path("Subnets");
            assertThat(subnets).hasSize(7);
            String subnet = subnets.get(0).path("SubnetId").asText();
            assertThat(ec2(sim, "describe-vpcs", "--filters", "Name=tag:overcast:cluster,Values=cli").path("Vpcs")).hasSize(1);
            refused("InvalidVpcID.NotFound", sim, "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0");

            String igw = ec2(sim, "create-internet-gateway").path("InternetGateway").path("InternetGatewayId").asText();
            ec2(sim, "attach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
            refused("Resource.AlreadyAssociated", sim, "attach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
            String table = ec2(sim, "create-route-table", "--vpc-id", vpc).path("RouteTable").path("RouteTableId").asText();
            ec2(sim, "create-route", "--route-table-id", table, "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", igw);
            ec2(sim, "associate-route-table", "--route-table-id", table, "--subnet-id", subnet);
            assertThat(ec2(sim, "describe-route-tables", "--route-table-ids", table).path("RouteTables").get(0).path("Routes")).hasSize(2);

            // firewall: security group and its ingress rules
            String group = ec2(sim, "create-security-group", "--vpc-id", vpc, "--group-name", "nodes", "--description", "nodes").path("GroupId").asText();
            ec2(sim, "authorize-security-group-ingress", "--group-id", group, "--protocol", "tcp", "--port", "22", "--cidr", "10.9.0.0/16");
            refused("InvalidPermission.Duplicate", sim, "authorize-security-group-ingress", "--group-id", group, "--protocol", "tcp", "--port", "22", "--cidr", "10.9.0.0/16");
            assertThat(ec2(sim, "describe-security-group-rules", "--filters", "Name=group-id,Values=" + group).path("SecurityGroupRules"))
                    .anySatisfy(rule -> assertThat(rule.path("CidrIpv4").asText()).isEqualTo("10.9.0.0/16"));
            ec2(sim, "revoke-security-group-ingress", "--group-id", group, "--protocol", "tcp", "--port", "22", "--cidr", "10.9.0.0/16");

            // public IP
            String allocation = ec2(sim, "allocate-address", "--domain", "vpc").path("AllocationId").asText();
            assertThat(ec2(sim, "describe-addresses", "--allocation-ids", allocation).path("Addresses")).hasSize(1);
            ec2(sim, "release-address", "--allocation-id", allocation);
            refused("InvalidAllocationID.NotFound", sim, "release-address", "--allocation-id", allocation);

            // VPN: gateway attached with propagation, customer gateway, connection (idempotent)
            refused("InvalidParameterValue", sim, "create-vpn-gateway", "--type", "ipsec.1", "--amazon-side-asn", "7224");
            JsonNode vgw = ec2(sim, "create-vpn-gateway", "--type", "ipsec.1", "--amazon-side-asn", "64513").path("VpnGateway");
            assertThat(vgw.path("State").asText()).isEqualTo("available");
            String vgwId = vgw.path("VpnGatewayId").asText();
            ec2(sim, "attach-vpn-gateway", "--vpn-gateway-id", vgwId, "--vpc-id", vpc);
            ec2(sim, "enable-vgw-route-propagation", "--route-table-id", table, "--gateway-id", vgwId);
            String cgw = ec2(sim, "create-customer-gateway", "--type", "ipsec.1", "--public-ip", "34.1.2.3", "--bgp-asn", "65010")
                    .path("CustomerGateway").path("CustomerGatewayId").asText();
            String[] connection = {"create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", cgw, "--vpn-gateway-id", vgwId,
                    "--options", "TunnelOptions=[{TunnelInsideCidr=169.254.10.0/30},{TunnelInsideCidr=169.254.10.4/30}]"};
            JsonNode vpn = ec2(sim, connection).path("VpnConnection");
            assertThat(vpn.path("State").asText()).isEqualTo("pending");
            assertThat(ec2(sim, connection).path("VpnConnection").path("VpnConnectionId").asText()).isEqualTo(vpn.path("VpnConnectionId").asText());
            assertThat(ec2(sim, "describe-vpn-connections", "--filters", "Name=vpn-gateway-id,Values=" + vgwId).path("VpnConnections")
                    .get(0).path("VgwTelemetry")).hasSize(2);
            refused("IncorrectState", sim, "delete-customer-gateway", "--customer-gateway-id", cgw);

            // instances, tags
            refused("InvalidAMIID.Malformed", sim, "run-instances", "--image-id", "image-1", "--count", "1", "--subnet-id", subnet);
            String instance = ec2(sim, "run-instances", "--image-id", "ami-0abcdef1234567890", "--instance-type", "t3.micro", "--count", "1",
                    "--subnet-id", subnet, "--security-group-ids", group, "--client-token", "cli-launch").path("Instances").get(0).path("InstanceId").asText();
            sim.world().advance(Duration.ofMinutes(2));
            ec2(sim, "create-tags", "--resources", instance, "--tags", "Key=overcast:resource,Value=node-1");
            JsonNode reservations = ec2(sim, "describe-instances", "--filters", "Name=tag:overcast:resource,Values=node-1",
                    "Name=instance-state-name,Values=running").path("Reservations");
            assertThat(reservations.get(0).path("Instances").get(0).path("InstanceId").asText()).isEqualTo(instance);
            JsonNode terminating = ec2(sim, "terminate-instances", "--instance-ids", instance).path("TerminatingInstances").get(0);
            assertThat(terminating.path("CurrentState").path("Name").asText()).isEqualTo("shutting-down");
            refused("DependencyViolation", sim, "delete-security-group", "--group-id", group);

            // deletes, dependants first, once their deletions completed
            sim.world().advance(Duration.ofMinutes(1));
            ec2(sim, "delete-security-group", "--group-id", group);
            ec2(sim, "delete-vpn-connection", "--vpn-connection-id", vpn.path("VpnConnectionId").asText());
            sim.world().advance(Duration.ofMinutes(3));
            ec2(sim, "delete-customer-gateway", "--customer-gateway-id", cgw);
            ec2(sim, "detach-vpn-gateway", "--vpn-gateway-id", vgwId, "--vpc-id", vpc);
            sim.world().advance(Duration.ofMinutes(2));
            ec2(sim, "delete-vpn-gateway", "--vpn-gateway-id", vgwId);
            ec2(sim, "detach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
            ec2(sim, "delete-internet-gateway", "--internet-gateway-id", igw);
            refused("DependencyViolation", sim, "delete-vpc", "--vpc-id", vpc);
        }
    }
}
