package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttachmentStatus;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TelemetryStatus;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnState;

/** The network, firewall, VPN and instance actions the AWS adapter uses, through the real SDK. */
class ResourcesTest {

    private CloudSim sim;
    private Ec2Client ec2;
    private String vpcId;
    private String subnetId;

    @BeforeEach
    void start() {
        sim = CloudSim.start(CloudSimConfig.defaults()
                .withClock(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z")))
                .withEventualConsistency(false)
                .withThrottling(false));
        ec2 = Ec2Clients.of(sim);
        vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private static IpPermission tcp(int port, String cidr) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port).ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void securityGroup_shouldRefuseDuplicates_ofNameAndOfRule() {
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("web").description("web tier")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(tcp(22, "0.0.0.0/0"), tcp(443, "10.0.0.0/8")));

        assertThatThrownBy(() -> ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("web").description("again")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.Duplicate"));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(tcp(22, "0.0.0.0/0"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.Duplicate"));

        SecurityGroup group = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
        assertThat(group.groupName()).isEqualTo("web");
        assertThat(group.ipPermissions()).extracting(IpPermission::fromPort).containsExactly(22, 443);
        assertThat(group.ipPermissions().get(0).ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
        assertThat(group.ipPermissionsEgress()).hasSize(1);
        assertThat(ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules()).hasSize(3);

        ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(tcp(22, "0.0.0.0/0")));
        assertThat(ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0).ipPermissions())
                .extracting(IpPermission::fromPort).containsExactly(443);
    }

    @Test
    void badInput_shouldAnswerInvalidParameterValue_namingTheField() {
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("web").description("web tier")).groupId();

        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(tcp(70000, "0.0.0.0/0"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("FromPort");
        assertThatThrownBy(() -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.300.0/24")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("CidrBlock");
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType("huge").minCount(1).maxCount(1).subnetId(subnetId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("InstanceType");
        assertThatThrownBy(() -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.128/25")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnet.Conflict"));
    }

    @Test
    void routeTable_shouldRouteToAnAttachedInternetGateway_andBlockDeletionWhileAssociated() {
        String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
        String table = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();

        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
        ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        String association = ec2.associateRouteTable(r -> r.routeTableId(table).subnetId(subnetId)).associationId();

        RouteTable described = ec2.describeRouteTables(r -> r.filters(
                Filter.builder().name("association.subnet-id").values(subnetId).build())).routeTables().get(0);
        assertThat(described.routes()).extracting(route -> route.gatewayId()).containsExactly("local", igw);
        assertThat(ec2.describeRouteTables(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build(),
                Filter.builder().name("association.main").values("true").build())).routeTables()).hasSize(1);
        assertThatThrownBy(() -> ec2.deleteRouteTable(r -> r.routeTableId(table)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThatThrownBy(() -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));

        ec2.disassociateRouteTable(r -> r.associationId(association));
        ec2.deleteRouteTable(r -> r.routeTableId(table));
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
        ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
    }

    @Test
    void vpnConnection_shouldShowTunnelsUp_onlyAfterTheVirtualMinutesPass() {
        String vgw = ec2.createVpnGateway(r -> r.type("ipsec.1").amazonSideAsn(64512L)).vpnGateway().vpnGatewayId();
        assertThat(ec2.attachVpnGateway(r -> r.vpnGatewayId(vgw).vpcId(vpcId)).vpcAttachment().state()).isEqualTo(AttachmentStatus.ATTACHING);
        String cgw = ec2.createCustomerGateway(r -> r.type("ipsec.1").ipAddress("34.1.2.3").bgpAsn(65010)).customerGateway().customerGatewayId();
        VpnConnection created = ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw).vpnGatewayId(vgw)
                .options(o -> o.staticRoutesOnly(false).tunnelOptions(
                        t -> t.tunnelInsideCidr("169.254.10.0/30").preSharedKey("secret.key_1"),
                        t -> t.tunnelInsideCidr("169.254.10.4/30").preSharedKey("secret.key_2")))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VPN_CONNECTION)
                        .tags(Tag.builder().key("overcast:cluster").value("c1").build()).build())).vpnConnection();

        assertThat(created.state()).isEqualTo(VpnState.PENDING);
        assertThat(created.options().tunnelOptions()).extracting(t -> t.tunnelInsideCidr()).containsExactly("169.254.10.0/30", "169.254.10.4/30");
        assertThat(created.vgwTelemetry()).hasSize(2).allSatisfy(t -> {
            assertThat(t.outsideIpAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(t.status()).isEqualTo(TelemetryStatus.DOWN);
        });
        assertThat(created.customerGatewayConfiguration()).contains("<pre_shared_key>secret.key_1</pre_shared_key>");

        sim.world().advance(Duration.ofMinutes(8));
        VpnConnection available = ec2.describeVpnConnections(r -> r.vpnConnectionIds(created.vpnConnectionId())).vpnConnections().get(0);
        sim.world().advance(Duration.ofMinutes(3));
        VpnConnection up = ec2.describeVpnConnections(r -> r.filters(Filter.builder().name("tag:overcast:cluster").values("c1").build()))
                .vpnConnections().get(0);

        assertThat(available.state()).isEqualTo(VpnState.AVAILABLE);
        assertThat(available.vgwTelemetry()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TelemetryStatus.DOWN));
        assertThat(up.vgwTelemetry()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TelemetryStatus.UP));
        assertThat(up.vgwTelemetry()).extracting(t -> t.outsideIpAddress())
                .containsExactlyElementsOf(created.vgwTelemetry().stream().map(t -> t.outsideIpAddress()).toList());

        assertThatThrownBy(() -> ec2.deleteCustomerGateway(r -> r.customerGatewayId(cgw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectState"));
        ec2.deleteVpnConnection(r -> r.vpnConnectionId(created.vpnConnectionId()));
        assertThat(ec2.describeVpnConnections(r -> r.vpnConnectionIds(created.vpnConnectionId())).vpnConnections().get(0).state())
                .isEqualTo(VpnState.DELETING);
        sim.world().advance(Duration.ofMinutes(3));
        assertThat(ec2.describeVpnConnections(r -> r.vpnConnectionIds(created.vpnConnectionId())).vpnConnections().get(0).state())
                .isEqualTo(VpnState.DELETED);
        ec2.deleteCustomerGateway(r -> r.customerGatewayId(cgw));
    }

    @Test
    void runInstances_shouldBeIdempotentByClientToken_andRefuseTheTokenWithOtherParameters() {
        String userData = Base64.getEncoder().encodeToString("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
        List<Instance> first = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType("t3.small").minCount(1).maxCount(1)
                .subnetId(subnetId).userData(userData).clientToken("token-1")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeSize(30)))).instances();
        List<Instance> again = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType("t3.small").minCount(1).maxCount(1)
                .subnetId(subnetId).userData(userData).clientToken("token-1")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeSize(30)))).instances();

        assertThat(again).extracting(Instance::instanceId).containsExactlyElementsOf(first.stream().map(Instance::instanceId).toList());
        assertThat(first.get(0).privateIpAddress()).isEqualTo("10.0.1.4");
        assertThat(first.get(0).state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(first.get(0).securityGroups()).extracting(g -> g.groupName()).containsExactly("default");
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType("t3.large").minCount(1).maxCount(1)
                .subnetId(subnetId).clientToken("token-1")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IdempotentParameterMismatch"));
        assertThat(sim.world().resources("aws", Ec2Clients.ACCOUNT)).filteredOn(r -> r.type().equals("instance")).hasSize(1);
    }

    @Test
    void runInstances_shouldHonourAPlannedPrivateAddress_andSkipItWhenAssigning() {
        String fixed = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1).subnetId(subnetId)
                .privateIpAddress("10.0.1.5")).instances().get(0).privateIpAddress();
        List<String> assigned = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(2).maxCount(2).subnetId(subnetId))
                .instances().stream().map(Instance::privateIpAddress).toList();

        assertThat(fixed).isEqualTo("10.0.1.5");
        assertThat(assigned).containsExactly("10.0.1.4", "10.0.1.6");
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1).subnetId(subnetId)
                .privateIpAddress("10.0.1.5"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidIPAddress.InUse"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1).subnetId(subnetId)
                .privateIpAddress("10.0.2.10"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1).subnetId(subnetId)
                .privateIpAddress("10.0.1.2"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void terminatedInstance_shouldStayListedAsTerminated_thenVanish() {
        String id = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1).subnetId(subnetId)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("overcast:cluster").value("c1").build()).build())).instances().get(0).instanceId();
        sim.world().advance(Duration.ofMinutes(2));
        String allocation = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
        ec2.associateAddress(r -> r.allocationId(allocation).instanceId(id));
        Filter byCluster = Filter.builder().name("tag:overcast:cluster").values("c1").build();
        Instance running = ec2.describeInstances(r -> r.filters(byCluster)).reservations().get(0).instances().get(0);

        ec2.terminateInstances(r -> r.instanceIds(id));
        InstanceStateName shuttingDown = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).state().name();
        sim.world().advance(Duration.ofMinutes(1));
        Instant terminatedAt = sim.world().clock().now();
        InstanceStateName terminated = ec2.describeInstances(r -> r.filters(byCluster)).reservations().get(0).instances().get(0).state().name();
        sim.world().advance(Duration.ofHours(2));

        assertThat(running.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(running.publicIpAddress()).isNotBlank();
        assertThat(shuttingDown).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        assertThat(terminated).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(terminatedAt).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(ec2.describeInstances(r -> r.filters(byCluster)).reservations()).isEmpty();
        assertThat(ec2.describeAddresses(r -> r.allocationIds(allocation)).addresses().get(0).instanceId()).isNull();
        ec2.deleteSubnet(r -> r.subnetId(subnetId));
    }

    @Test
    void tags_shouldBeAddedFilteredAndRemoved_acrossTypes() {
        ec2.createTags(r -> r.resources(vpcId, subnetId).tags(Tag.builder().key("team").value("blue").build()));

        assertThat(ec2.describeTags(r -> r.filters(Filter.builder().name("key").values("team").build())).tags())
                .extracting(t -> t.resourceId()).containsExactlyInAnyOrder(vpcId, subnetId);
        assertThat(ec2.describeSubnets(r -> r.filters(Filter.builder().name("tag-key").values("team").build())).subnets()).hasSize(1);

        ec2.deleteTags(r -> r.resources(vpcId).tags(Tag.builder().key("team").build()));
        assertThat(ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).tags()).isEmpty();
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("vpc-0000000000000000f").tags(Tag.builder().key("k").value("v").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpcID.NotFound"));
    }

    @Test
    void zonesAndRegions_shouldComeFromTheCatalog() {
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName())
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName()).contains("eu-west-1", "ap-southeast-2");
    }
}
