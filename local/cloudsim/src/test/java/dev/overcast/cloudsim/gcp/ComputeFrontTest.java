package dev.overcast.cloudsim.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.cloud.compute.v1.Address;
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
import dev.overcast.cloudsim.world.Durations;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.cloudsim.world.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real google-cloud-compute client (REST transport, no credentials) against the Compute front. */
class ComputeFrontTest {

    private static final String PROJECT = "overcast-local";
    private static final String REGION = "europe-west1";

    private CloudSim sim;
    private NetworksClient networks;
    private SubnetworksClient subnetworks;
    private AddressesClient addresses;

    private void start(CloudSimConfig config) throws IOException {
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
