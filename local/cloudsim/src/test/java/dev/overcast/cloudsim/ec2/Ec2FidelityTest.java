package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnState;

/** The EC2 infidelities an outside check (boto3 against moto) found, each as EC2 documents the behaviour. */
class Ec2FidelityTest {

    private static final String AMI = "ami-0abcdef1234567890";

    private CloudSim sim;
    private Ec2Client ec2;

    private void start(InstantSource clock) {
        sim = CloudSim.start(CloudSimConfig.defaults().withClock(clock).withEventualConsistency(false).withThrottling(false));
        ec2 = Ec2Clients.of(sim);
    }

    private void start() {
        start(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private String subnet(String vpcId) {
        return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    }

    private String vpc() {
        return ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    }

    @Test
    void deleteSubnetAndGroup_shouldAnswerDependencyViolation_whileATerminatedInstanceIsShuttingDown() {
        start();
        String vpcId = vpc();
        String subnetId = subnet(vpcId);
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("nodes").description("nodes")).groupId();
        String instanceId = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId).securityGroupIds(groupId))
                .instances().get(0).instanceId();
        sim.world().advance(Duration.ofMinutes(2));

        ec2.terminateInstances(r -> r.instanceIds(instanceId));

        assertThatThrownBy(() -> ec2.deleteSubnet(r -> r.subnetId(subnetId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        sim.world().advance(Duration.ofMinutes(1));
        ec2.deleteSecurityGroup(r -> r.groupId(groupId));
        ec2.deleteSubnet(r -> r.subnetId(subnetId));
    }

    @Test
    void createVpnConnection_shouldAnswerTheSameConnection_whenRepeatedWithIdenticalParameters() {
        start();
        String vgw = ec2.createVpnGateway(r -> r.type("ipsec.1")).vpnGateway().vpnGatewayId();
        String cgw = ec2.createCustomerGateway(r -> r.type("ipsec.1").ipAddress("34.1.2.3").bgpAsn(65010)).customerGateway().customerGatewayId();

        VpnConnection first = ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw).vpnGatewayId(vgw)
                .options(o -> o.tunnelOptions(t -> t.tunnelInsideCidr("169.254.10.0/30"), t -> t.tunnelInsideCidr("169.254.10.4/30")))).vpnConnection();
        VpnConnection again = ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw).vpnGatewayId(vgw)
                .options(o -> o.tunnelOptions(t -> t.tunnelInsideCidr("169.254.10.0/30"), t -> t.tunnelInsideCidr("169.254.10.4/30")))).vpnConnection();

        assertThat(again.vpnConnectionId()).isEqualTo(first.vpnConnectionId());
        assertThat(ec2.describeVpnConnections().vpnConnections()).hasSize(1);
        ec2.deleteVpnConnection(r -> r.vpnConnectionId(first.vpnConnectionId()));
        sim.world().advance(Duration.ofMinutes(5));
        VpnConnection afterDelete = ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw).vpnGatewayId(vgw)
                .options(o -> o.tunnelOptions(t -> t.tunnelInsideCidr("169.254.10.0/30"), t -> t.tunnelInsideCidr("169.254.10.4/30")))).vpnConnection();
        assertThat(afterDelete.vpnConnectionId()).isNotEqualTo(first.vpnConnectionId());
        assertThat(afterDelete.state()).isEqualTo(VpnState.PENDING);
        sim.world().deleteByHand("aws", Ec2Clients.ACCOUNT, "us-east-1", afterDelete.vpnConnectionId());
        VpnConnection afterRemovedByHand = ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw).vpnGatewayId(vgw)
                .options(o -> o.tunnelOptions(t -> t.tunnelInsideCidr("169.254.10.0/30"), t -> t.tunnelInsideCidr("169.254.10.4/30")))).vpnConnection();
        assertThat(afterRemovedByHand.vpnConnectionId()).isNotIn(first.vpnConnectionId(), afterDelete.vpnConnectionId());
    }

    @Test
    void createRouteAndPropagation_shouldBeRefused_onceTheVpnGatewayIsDetached() {
        start();
        String vpcId = vpc();
        String tableId = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        String vgw = ec2.createVpnGateway(r -> r.type("ipsec.1")).vpnGateway().vpnGatewayId();
        ec2.attachVpnGateway(r -> r.vpnGatewayId(vgw).vpcId(vpcId));
        sim.world().advance(Duration.ofMinutes(2));
        ec2.createRoute(r -> r.routeTableId(tableId).destinationCidrBlock("10.50.0.0/16").gatewayId(vgw));

        ec2.detachVpnGateway(r -> r.vpnGatewayId(vgw).vpcId(vpcId));
        sim.world().advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(tableId).destinationCidrBlock("10.60.0.0/16").gatewayId(vgw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.enableVgwRoutePropagation(r -> r.routeTableId(tableId).gatewayId(vgw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Gateway.NotAttached"));
    }

    @Test
    void runInstances_shouldAnswerTheOriginalInstances_whenReplayedWithItsClientTokenAfterTermination() {
        start();
        String subnetId = subnet(vpc());
        List<Instance> first = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId).clientToken("launch-1")).instances();
        sim.world().advance(Duration.ofMinutes(2));
        ec2.terminateInstances(r -> r.instanceIds(first.get(0).instanceId()));
        sim.world().advance(Duration.ofHours(2));

        List<Instance> replayed = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId).clientToken("launch-1")).instances();

        assertThat(replayed).extracting(Instance::instanceId).containsExactly(first.get(0).instanceId());
        assertThat(replayed.get(0).state().name()).isEqualTo(InstanceStateName.TERMINATED);
    }

    @Test
    void runInstances_shouldLaunchAnew_whenItsClientTokensInstanceWasRemovedByHand() {
        start();
        String subnetId = subnet(vpc());
        String first = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId).clientToken("launch-2"))
                .instances().get(0).instanceId();
        sim.world().deleteByHand("aws", Ec2Clients.ACCOUNT, "us-east-1", first);

        List<Instance> again = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId).clientToken("launch-2")).instances();

        assertThat(again).hasSize(1);
        assertThat(again.get(0).instanceId()).isNotEqualTo(first);
    }

    @Test
    void stateChanges_shouldReportTheStateAfterTheChange_onARunningClock() {
        AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        start(() -> Instant.ofEpochMilli(millis.addAndGet(1)));
        String subnetId = subnet(vpc());
        String id = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId)).instances().get(0).instanceId();
        sim.world().advance(Duration.ofMinutes(2));

        InstanceStateChange stopped = ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        sim.world().advance(Duration.ofMinutes(2));
        InstanceStateChange started = ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
        sim.world().advance(Duration.ofMinutes(2));
        InstanceStateChange terminated = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);

        assertThat(stopped.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(stopped.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        assertThat(started.previousState().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(started.currentState().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(terminated.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(terminated.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
    }

    @Test
    void createVpc_shouldAnswerInvalidVpcRange_outsideSlash16ToSlash28() {
        start();

        for (String cidr : List.of("10.0.0.0/8", "10.0.0.0/29")) {
            assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock(cidr)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpc.Range"));
        }
    }

    @Test
    void describeInstances_shouldRefuseInstanceIdsWithMaxResults() {
        start();
        String subnetId = subnet(vpc());
        String id = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId)).instances().get(0).instanceId();

        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds(id).maxResults(5)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThat(ec2.describeInstances(r -> r.maxResults(5)).reservations()).hasSize(1);
    }

    @Test
    void createVpnGateway_shouldRefuseAnAmazonSideAsnOutsideThePrivateRanges() {
        start();

        for (long asn : List.of(7224L, 65535L, 4199999999L)) {
            assertThatThrownBy(() -> ec2.createVpnGateway(r -> r.type("ipsec.1").amazonSideAsn(asn)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        }
        assertThat(ec2.createVpnGateway(r -> r.type("ipsec.1").amazonSideAsn(4200000000L)).vpnGateway().amazonSideAsn()).isEqualTo(4200000000L);
    }

    @Test
    void createCustomerGateway_shouldReuseAGateway_onlyWithTheSameDeviceName() {
        start();
        CustomerGateway plain = ec2.createCustomerGateway(r -> r.type("ipsec.1").ipAddress("34.1.2.3").bgpAsn(65010)).customerGateway();
        CustomerGateway named = ec2.createCustomerGateway(r -> r.type("ipsec.1").ipAddress("34.1.2.3").bgpAsn(65010).deviceName("edge-a"))
                .customerGateway();
        CustomerGateway namedAgain = ec2.createCustomerGateway(r -> r.type("ipsec.1").ipAddress("34.1.2.3").bgpAsn(65010).deviceName("edge-a"))
                .customerGateway();

        assertThat(named.customerGatewayId()).isNotEqualTo(plain.customerGatewayId());
        assertThat(namedAgain.customerGatewayId()).isEqualTo(named.customerGatewayId());
        assertThat(named.deviceName()).isEqualTo("edge-a");
    }

    @Test
    void vpnAndCustomerGateways_shouldBeAvailableAtOnce() {
        start();

        assertThat(ec2.createVpnGateway(r -> r.type("ipsec.1")).vpnGateway().stateAsString()).isEqualTo("available");
        assertThat(ec2.createCustomerGateway(r -> r.type("ipsec.1").ipAddress("34.1.2.3").bgpAsn(65010)).customerGateway().state())
                .isEqualTo("available");
    }
}
