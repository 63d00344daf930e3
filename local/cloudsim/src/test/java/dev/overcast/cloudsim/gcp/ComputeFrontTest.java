package dev.overcast.cloudsim.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.cloud.compute.v1.Address;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.DeleteSubnetworkRequest;
import com.google.cloud.compute.v1.Denied;
import com.google.cloud.compute.v1.ExternalVpnGateway;
import com.google.cloud.compute.v1.ExternalVpnGatewayInterface;
import com.google.cloud.compute.v1.ExternalVpnGatewaysClient;
import com.google.cloud.compute.v1.ExternalVpnGatewaysSettings;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.InsertExternalVpnGatewayRequest;
import com.google.cloud.compute.v1.InsertFirewallRequest;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.InsertRouterRequest;
import com.google.cloud.compute.v1.InsertVpnGatewayRequest;
import com.google.cloud.compute.v1.InsertVpnTunnelRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.ListFirewallsRequest;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Router;
import com.google.cloud.compute.v1.RouterAdvertisedIpRange;
import com.google.cloud.compute.v1.RouterBgp;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.VpnGateway;
import com.google.cloud.compute.v1.VpnGatewaysClient;
import com.google.cloud.compute.v1.VpnGatewaysSettings;
import com.google.cloud.compute.v1.VpnTunnel;
import com.google.cloud.compute.v1.VpnTunnelsClient;
import com.google.cloud.compute.v1.VpnTunnelsSettings;
import com.google.cloud.compute.v1.AddressesClient;
import com.google.cloud.compute.v1.AddressesSettings;
import com.google.cloud.compute.v1.DeleteNetworkRequest;
import com.google.cloud.compute.v1.InsertAddressRequest;
import com.google.cloud.compute.v1.InsertNetworkRequest;
import com.google.cloud.compute.v1.InsertSubnetworkRequest;
import com.google.cloud.compute.v1.ListAddressesRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkRoutingConfig;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.Subnetwork;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.wire.WireCheck;
import dev.overcast.cloudsim.world.Durations;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.cloudsim.world.VirtualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real google-cloud-compute client (REST transport, no credentials) against the Compute front. */
class ComputeFrontTest {

    private static final String PROJECT = "overcast-local";
    private static final String REGION = "europe-west1";
    private static final String ZONE = "europe-west1-b";

    private CloudSim sim;
    private int wireMark;
    private NetworksClient networks;
    private SubnetworksClient subnetworks;
    private AddressesClient addresses;

    private void start(CloudSimConfig config) throws IOException {
        wireMark = WireCheck.mark();
        sim = CloudSim.start(config);
        String endpoint = sim.gcpEndpoint().toString();
        networks = NetworksClient.create(NetworksSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        subnetworks = SubnetworksClient.create(SubnetworksSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        addresses = AddressesClient.create(AddressesSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
    }

    private static CloudSimConfig instant() {
        return CloudSimConfig.defaults().withDurations(Durations.none()).withThrottling(false);
    }

    @AfterEach
    void stop() {
        networks.close();
        subnetworks.close();
        addresses.close();
        sim.close();
        WireCheck.assertNoDeviationsSince(wireMark);
    }

    @Test
    void insert_shouldBePolledUntilDone_whenTheNetworkTakesItsSeconds() throws Exception {
        // A network takes 60 s on a clock running 60 times faster: about one real second of polling.
        start(instant().withClock(VirtualClock.scaled(60)).withDurations(Durations.none().with("gcp", "network.create", Duration.ofSeconds(60))));

        Operation first = networks.insertCallable().call(insertNetwork("polled", null));
        assertThatThrownBy(() -> networks.deleteCallable().call(DeleteNetworkRequest.newBuilder().setProject(PROJECT).setNetwork("polled").build()))
                .isInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("resourceNotReady");
        Operation done = networks.insertAsync(insertNetwork("polled-too", null)).get();

        assertThat(first.getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(done.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(networks.get(PROJECT, "polled-too").getRoutingConfig().getRoutingMode()).isEqualTo("GLOBAL");
        assertThat(sim.world().calls().count("gcp", "globalOperations.get")).isPositive();
    }

    @Test
    void insert_shouldAnswerTheFirstOperation_whenRepeatedWithTheSameRequestId() throws Exception {
        start(instant());
        String requestId = "5f0c6c1e-2b7a-4a39-8d7e-1f2a3b4c5d6e";

        Operation first = networks.insertCallable().call(insertNetwork("once", requestId));
        Operation again = networks.insertCallable().call(insertNetwork("once", requestId));

        assertThat(again.getName()).isEqualTo(first.getName());
        assertThat(sim.world().resources("gcp", PROJECT)).hasSize(1);
        assertThatThrownBy(() -> networks.insertCallable().call(insertNetwork("once", null)))
                .isInstanceOf(AbortedException.class).hasStackTraceContaining("alreadyExists");
    }

    @Test
    void list_shouldFilterByLabel_andPage_whenMoreThanMaxResultsMatch() throws Exception {
        start(instant());
        for (int i = 0; i < 7; i++) {
            addresses.insertCallable().call(InsertAddressRequest.newBuilder().setProject(PROJECT).setRegion(REGION)
                    .setAddressResource(Address.newBuilder().setName("address-" + i).putLabels("team", i % 2 == 0 ? "blue" : "red")).build());
        }
        sim.world().calls().reset();

        List<Address> blue = StreamSupport.stream(addresses.list(ListAddressesRequest.newBuilder().setProject(PROJECT).setRegion(REGION)
                .setFilter("labels.team = \"blue\"").setMaxResults(2).build()).iterateAll().spliterator(), false).toList();

        assertThat(blue).extracting(Address::getName).containsExactly("address-0", "address-2", "address-4", "address-6");
        assertThat(blue).allSatisfy(a -> assertThat(a.getAddress()).matches("34\\.\\d+\\.\\d+\\.\\d+"));
        assertThat(sim.world().calls().count("gcp", "addresses.list")).isEqualTo(2);
    }

    @Test
    void delete_shouldEndInResourceInUse_whenTheNetworkStillHasASubnetwork() throws Exception {
        start(instant());
        networks.insertCallable().call(insertNetwork("busy", null));
        subnetworks.insertCallable().call(InsertSubnetworkRequest.newBuilder().setProject(PROJECT).setRegion(REGION)
                .setSubnetworkResource(Subnetwork.newBuilder().setName("busy-a").setIpCidrRange("10.1.0.0/24")
                        .setNetwork("projects/" + PROJECT + "/global/networks/busy")).build());

        Operation refused = networks.deleteCallable().call(DeleteNetworkRequest.newBuilder().setProject(PROJECT).setNetwork("busy").build());

        assertThat(refused.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(refused.getHttpErrorStatusCode()).isEqualTo(400);
        assertThat(refused.getError().getErrors(0).getCode()).isEqualTo("RESOURCE_IN_USE_BY_ANOTHER_RESOURCE");
        assertThat(networks.get(PROJECT, "busy").getName()).isEqualTo("busy");
    }

    @Test
    void calls_shouldFailAsComputeDoes_forUnknownNamesBadFiltersQuotasAndRateLimits() throws Exception {
        start(instant().withQuotas(Quotas.none().with("gcp", "address", 0, "quotaExceeded")));
        sim.world().faults().failNext("gcp", "networks.list", 1, "rateLimitExceeded");

        assertThatThrownBy(() -> networks.get(PROJECT, "missing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> networks.list(PROJECT).iterateAll().iterator().hasNext())
                .isInstanceOf(PermissionDeniedException.class).hasStackTraceContaining("rateLimitExceeded");
        assertThatThrownBy(() -> addresses.insertCallable().call(InsertAddressRequest.newBuilder().setProject(PROJECT)
                .setRegion(REGION).setAddressResource(Address.newBuilder().setName("over")).build()))
                .isInstanceOf(PermissionDeniedException.class).hasStackTraceContaining("quotaExceeded");
        assertThatThrownBy(() -> addresses.list(ListAddressesRequest.newBuilder().setProject(PROJECT).setRegion(REGION)
                .setFilter("labels.team = = \"x\"").build()).iterateAll().iterator().hasNext())
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> subnetworks.insertCallable().call(InsertSubnetworkRequest.newBuilder().setProject(PROJECT)
                .setRegion(REGION).setSubnetworkResource(Subnetwork.newBuilder().setName("orphan").setIpCidrRange("10.2.0.0/24")
                        .setNetwork("projects/" + PROJECT + "/global/networks/none")).build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(sim.world().calls().byAction("gcp")).containsAllEntriesOf(Map.of("networks.get", 1L, "networks.list", 1L));
    }

    @Test
    void subnetworkInsert_shouldBeRefused_whenItsRangeOverlapsAnotherSubnetworkOfTheNetwork() throws Exception {
        start(instant());
        networks.insertCallable().call(insertNetwork("main", null));
        subnetworks.insertCallable().call(insertSubnetwork("first", REGION, "10.1.0.0/20"));

        assertThatThrownBy(() -> subnetworks.insertCallable().call(insertSubnetwork("second", "us-east1", "10.1.8.0/24")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("Invalid IPCidrRange: 10.1.8.0/24 conflicts with existing subnetwork 'first' in region 'europe-west1'");
        assertThatThrownBy(() -> subnetworks.insertCallable().call(insertSubnetwork("bad", REGION, "10.2.0.0/33")))
                .isInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("Invalid value for field 'resource.ipCidrRange'");
        subnetworks.insertCallable().call(insertSubnetwork("third", "us-east1", "10.1.16.0/24"));
    }

    @Test
    void subnetworkDelete_shouldBeRefusedAtOnceNamingTheUser_whenAnInstanceUsesIt() throws Exception {
        start(instant());
        networks.insertCallable().call(insertNetwork("main", null));
        subnetworks.insertCallable().call(insertSubnetwork("nodes", REGION, "10.1.0.0/24"));
        try (InstancesClient instances = InstancesClient.create(InstancesSettings.newBuilder().setEndpoint(sim.gcpEndpoint().toString())
                .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            instances.insertCallable().call(InsertInstanceRequest.newBuilder().setProject(PROJECT).setZone(ZONE).setInstanceResource(
                    Instance.newBuilder().setName("node-1").setMachineType("zones/" + ZONE + "/machineTypes/n2-standard-2")
                            .addDisks(AttachedDisk.newBuilder().setBoot(true).setInitializeParams(AttachedDiskInitializeParams.newBuilder()
                                    .setSourceImage("projects/debian-cloud/global/images/family/debian-12")))
                            .addNetworkInterfaces(NetworkInterface.newBuilder().setSubnetwork("regions/" + REGION + "/subnetworks/nodes"))
                            .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("role").setValue("node")))).build());

            assertThatThrownBy(() -> subnetworks.deleteCallable().call(DeleteSubnetworkRequest.newBuilder().setProject(PROJECT)
                    .setRegion(REGION).setSubnetwork("nodes").build()))
                    .isInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("resourceInUseByAnotherResource")
                    .hasStackTraceContaining("is already being used by 'projects/" + PROJECT + "/zones/" + ZONE + "/instances/node-1'");
            Instance node = instances.get(PROJECT, ZONE, "node-1");
            assertThat(Base64.getDecoder().decode(node.getMetadata().getFingerprint())).hasSize(8);
            assertThat(Base64.getDecoder().decode(node.getLabelFingerprint())).hasSize(8);
            assertThat(Base64.getDecoder().decode(node.getFingerprint())).hasSize(8);
            assertThat(Base64.getDecoder().decode(node.getNetworkInterfaces(0).getFingerprint())).hasSize(8);
        }
        assertThat(subnetworks.get(PROJECT, REGION, "nodes").getFingerprint()).isBase64();
    }

    @Test
    void inserts_shouldKeepEveryFieldTheDefinitionHas_forFirewallsRoutersAndTunnels() throws Exception {
        start(instant());
        String endpoint = sim.gcpEndpoint().toString();
        networks.insertCallable().call(insertNetwork("main", null));
        String network = "projects/" + PROJECT + "/global/networks/main";
        try (FirewallsClient firewalls = FirewallsClient.create(FirewallsSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
             RoutersClient routers = RoutersClient.create(RoutersSettings.newBuilder().setEndpoint(endpoint)
                     .setCredentialsProvider(NoCredentialsProvider.create()).build());
             VpnGatewaysClient gateways = VpnGatewaysClient.create(VpnGatewaysSettings.newBuilder().setEndpoint(endpoint)
                     .setCredentialsProvider(NoCredentialsProvider.create()).build());
             ExternalVpnGatewaysClient peers = ExternalVpnGatewaysClient.create(ExternalVpnGatewaysSettings.newBuilder().setEndpoint(endpoint)
                     .setCredentialsProvider(NoCredentialsProvider.create()).build());
             VpnTunnelsClient tunnels = VpnTunnelsClient.create(VpnTunnelsSettings.newBuilder().setEndpoint(endpoint)
                     .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            firewalls.insertCallable().call(InsertFirewallRequest.newBuilder().setProject(PROJECT).setFirewallResource(Firewall.newBuilder()
                    .setName("deny-db").setNetwork(network).addDenied(Denied.newBuilder().setIPProtocol("tcp").addPorts("5432"))
                    .addTargetTags("db").addSourceRanges("0.0.0.0/0")).build());
            routers.insertCallable().call(InsertRouterRequest.newBuilder().setProject(PROJECT).setRegion(REGION).setRouterResource(Router.newBuilder()
                    .setName("edge").setNetwork(network).setBgp(RouterBgp.newBuilder().setAsn(64514).setAdvertiseMode("CUSTOM")
                            .addAdvertisedIpRanges(RouterAdvertisedIpRange.newBuilder().setRange("10.1.0.0/16")))).build());
            gateways.insertCallable().call(InsertVpnGatewayRequest.newBuilder().setProject(PROJECT).setRegion(REGION)
                    .setVpnGatewayResource(VpnGateway.newBuilder().setName("ha").setNetwork(network)).build());
            peers.insertCallable().call(InsertExternalVpnGatewayRequest.newBuilder().setProject(PROJECT).setExternalVpnGatewayResource(
                    ExternalVpnGateway.newBuilder().setName("peer").setRedundancyType("SINGLE_IP_INTERNALLY_REDUNDANT")
                            .addInterfaces(ExternalVpnGatewayInterface.newBuilder().setId(0).setIpAddress("203.0.113.7"))).build());
            tunnels.insertCallable().call(InsertVpnTunnelRequest.newBuilder().setProject(PROJECT).setRegion(REGION).setVpnTunnelResource(
                    VpnTunnel.newBuilder().setName("t0").setVpnGateway("regions/" + REGION + "/vpnGateways/ha").setVpnGatewayInterface(0)
                            .setPeerExternalGateway("global/externalVpnGateways/peer").setPeerExternalGatewayInterface(0)
                            .setRouter("regions/" + REGION + "/routers/edge").setSharedSecret("s3cret").setIkeVersion(2)).build());

            Firewall denyDb = firewalls.get(PROJECT, "deny-db");
            RouterBgp bgp = routers.get(PROJECT, REGION, "edge").getBgp();
            VpnTunnel tunnel = tunnels.get(PROJECT, REGION, "t0");
            List<Firewall> tagged = StreamSupport.stream(firewalls.list(ListFirewallsRequest.newBuilder().setProject(PROJECT)
                    .setFilter("targetTags:db").build()).iterateAll().spliterator(), false).toList();

            assertThat(denyDb.getTargetTagsList()).containsExactly("db");
            assertThat(denyDb.getDeniedList()).extracting(Denied::getIPProtocol).containsExactly("tcp");
            assertThat(denyDb.getAllowedList()).isEmpty();
            assertThat(bgp.getAdvertiseMode()).isEqualTo("CUSTOM");
            assertThat(bgp.getAdvertisedIpRangesList()).extracting(RouterAdvertisedIpRange::getRange).containsExactly("10.1.0.0/16");
            assertThat(tunnel.getDetailedStatus()).isEqualTo("Tunnel is up and running.");
            assertThat(Base64.getDecoder().decode(tunnel.getLabelFingerprint())).hasSize(8);
            assertThat(tagged).extracting(Firewall::getName).containsExactly("deny-db");
        }
    }

    @Test
    void batch_shouldAnswerEveryPartInOrder_underItsContentId() throws Exception {
        start(instant());
        networks.insertCallable().call(insertNetwork("main", null));
        String part = "--b1\r\nContent-Type: application/http\r\nContent-ID: <run+%d>\r\n\r\nGET /compute/v1/projects/" + PROJECT
                + "/global/networks/%s?alt=json HTTP/1.1\nHost: 127.0.0.1\n\n\r\n";
        String body = part.formatted(1, "main") + part.formatted(2, "missing") + "--b1--\r\n";

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.gcpEndpoint() + "/batch/compute/v1"))
                .header("Content-Type", "multipart/mixed; boundary=b1").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("multipart/mixed; boundary="));
        assertThat(answer.body()).containsSubsequence("Content-ID: <response-run+1>", "HTTP/1.1 200", "\"name\":\"main\"",
                "Content-ID: <response-run+2>", "HTTP/1.1 404", "networks/missing' was not found");
        assertThat(sim.world().calls().count("gcp", "networks.get")).isEqualTo(2);
    }

    private static InsertSubnetworkRequest insertSubnetwork(String name, String region, String range) {
        return InsertSubnetworkRequest.newBuilder().setProject(PROJECT).setRegion(region).setSubnetworkResource(Subnetwork.newBuilder()
                .setName(name).setIpCidrRange(range).setNetwork("projects/" + PROJECT + "/global/networks/main")).build();
    }

    private static InsertNetworkRequest insertNetwork(String name, String requestId) {
        InsertNetworkRequest.Builder request = InsertNetworkRequest.newBuilder().setProject(PROJECT)
                .setNetworkResource(Network.newBuilder().setName(name).setAutoCreateSubnetworks(false)
                        .setRoutingConfig(NetworkRoutingConfig.newBuilder().setRoutingMode("GLOBAL")));
        if (requestId != null) {
            request.setRequestId(requestId);
        }
        return request.build();
    }
}
