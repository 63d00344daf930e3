package dev.overcast.clouds.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.DeleteFirewallRequest;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.InsertNetworkRequest;
import com.google.cloud.compute.v1.ListFirewallsRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.contract.ContractTarget;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The contract suite's view of cloudsim's Compute front, as project {@code overcast-local}. Changes "by
 * hand" go through plain Compute clients of their own, as a person in the console would make them.
 */
final class GcpTarget implements ContractTarget {

    static final String FRONT = "gcp";
    static final String PROJECT = "overcast-local";
    static final String REGION = "europe-west1";
    static final Duration SETTLE_STEP = Duration.ofMinutes(3);

    private final CloudSim sim;
    private final GcpAdapter adapter;
    private final NetworksClient networksByHand;
    private final FirewallsClient firewallsByHand;

    GcpTarget(CloudSim sim, int maxAttempts) {
        this.sim = sim;
        String endpoint = sim.gcpEndpoint().toString();
        this.adapter = new GcpAdapter(new GcpConfig(PROJECT, new GcpCredentials.None(), Optional.of(sim.gcpEndpoint()),
                maxAttempts), SECRETS);
        try {
            this.networksByHand = NetworksClient.create(NetworksSettings.newBuilder().setEndpoint(endpoint)
                    .setCredentialsProvider(NoCredentialsProvider.create()).build());
            this.firewallsByHand = FirewallsClient.create(FirewallsSettings.newBuilder().setEndpoint(endpoint)
                    .setCredentialsProvider(NoCredentialsProvider.create()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The target with the world's books: calls by action, seeded faults and what the project holds. */
    static EmulatedCloud emulated(CloudSim sim, int maxAttempts) {
        World world = sim.world();
        return new EmulatedCloud(new GcpTarget(sim, maxAttempts), () -> world.calls().byAction(FRONT), world.calls()::reset,
                world.faults()::randomFaults, world.faults()::clear, () -> world.resources(FRONT, PROJECT));
    }

    @Override
    public CloudAdapter adapter() {
        return adapter;
    }

    @Override
    public String region() {
        return REGION;
    }

    @Override
    public String zone() {
        return REGION + "-b";
    }

    @Override
    public String image() {
        return "projects/debian-cloud/global/images/family/debian-12";
    }

    @Override
    public String instanceType() {
        return "e2-medium";
    }

    @Override
    public void settle() {
        sim.world().settle(FRONT, PROJECT, SETTLE_STEP);
    }

    @Override
    public long apiCalls() {
        return sim.world().calls().total(FRONT);
    }

    /** Deletes the firewall's first Compute rule, as someone cleaning up in the console might. */
    @Override
    public void revokeFirstIngressRuleByHand(Observation firewall) {
        Firewall first = StreamSupport.stream(firewallsByHand.list(ListFirewallsRequest.newBuilder().setProject(PROJECT).build())
                        .iterateAll().spliterator(), false)
                .filter(rule -> rule.getName().startsWith(firewall.cloudId() + "-"))
                .findFirst().orElseThrow();
        firewallsByHand.deleteCallable().call(DeleteFirewallRequest.newBuilder().setProject(PROJECT).setFirewall(first.getName()).build());
        settle();
    }

    @Override
    public void plantUntaggedNetwork() {
        networksByHand.insertCallable().call(InsertNetworkRequest.newBuilder().setProject(PROJECT)
                .setNetworkResource(Network.newBuilder().setName("planted-by-hand").setAutoCreateSubnetworks(false)).build());
        settle();
    }

    @Override
    public void close() {
        adapter.close();
        networksByHand.close();
        firewallsByHand.close();
        sim.close();
    }
}
