package dev.overcast.cloudsim.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.wire.WireCheck;
import dev.overcast.cloudsim.world.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google's own CLI, gcloud, against the Compute front: create, read, list, update and delete of every kind
 * Overcast uses, and the errors Compute answers, as gcloud decodes them (it decodes every {@code format: byte}
 * field, so a fingerprint that is not base64 fails the whole command). gcloud is pointed at the front through
 * {@code api_endpoint_overrides/compute} (the front's URL ending in {@code /compute/v1/}) with credentials
 * disabled, in a configuration folder of its own; the project comes from {@code core/project}.
 */
class GcloudTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "overcast-local";
    private static final String REGION = "europe-west1";
    private static final String ZONE = "europe-west1-b";
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    static Path config;
    private static CloudSim sim;
    private int wireMark;

    private record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            JsonNode node = JSON.readTree(out);
            return node.isArray() && node.size() == 1 ? node.get(0) : node;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(gcloudPresent(), "gcloud not installed: `gcloud version` failed (the Google Cloud CLI, package google-cloud-cli)");
        sim = CloudSim.start(CloudSimConfig.defaults().withDurations(Durations.none()).withThrottling(false));
        for (String[] property : List.of(
                new String[] {"api_endpoint_overrides/compute", sim.gcpEndpoint() + "/compute/v1/"},
                new String[] {"auth/disable_credentials", "true"},
                new String[] {"core/project", PROJECT},
                new String[] {"core/disable_usage_reporting", "true"},
                new String[] {"component_manager/disable_update_check", "true"})) {
            Result set = run("config", "set", property[0], property[1]);
            assertThat(set.exit()).as(set.err()).isZero();
        }
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void mark() {
        wireMark = WireCheck.mark();
    }

    @AfterEach
    void departedFromNothing() {
        WireCheck.assertNoDeviationsSince(wireMark);
    }

    @Test
    void gcloud_shouldCreateReadListAndDeleteNetworksSubnetworksFirewallsAndAddresses() throws Exception {
        Result network = ok("compute", "networks", "create", "plain", "--subnet-mode=custom");
        Result again = run("compute", "networks", "create", "plain", "--subnet-mode=custom");
        Result subnet = ok("compute", "networks", "subnets", "create", "plain-a", "--network=plain", "--region=" + REGION, "--range=10.10.0.0/24");
        Result overlapping = run("compute", "networks", "subnets", "create", "plain-b", "--network=plain", "--region=us-east1",
                "--range=10.10.0.128/25");
        Result denyDb = ok("compute", "firewall-rules", "create", "deny-db", "--network=plain", "--action=DENY", "--rules=tcp:5432",
                "--target-tags=db", "--source-ranges=0.0.0.0/0");
        Result tagged = ok("compute", "firewall-rules", "list", "--filter=targetTags:db");
        sim.world().calls().reset();
        // Several resources in one command: gcloud sends one batch (POST /batch/compute/v1) of three inserts.
        Result batch = ok("compute", "addresses", "create", "ip-0", "ip-1", "ip-2", "--region=" + REGION);
        long batchedInserts = sim.world().calls().count("gcp", "addresses.insert");
        sim.world().calls().reset();
        Result paged = ok("compute", "addresses", "list", "--regions=" + REGION, "--page-size=2");
        long pages = sim.world().calls().count("gcp", "addresses.list");
        Result address = ok("compute", "addresses", "describe", "ip-1", "--region=" + REGION);
        Result deleted = ok("compute", "addresses", "delete", "ip-1", "ip-2", "--region=" + REGION, "--quiet");
        Result missing = run("compute", "addresses", "describe", "ip-1", "--region=" + REGION);
        Result networkInUse = run("compute", "networks", "delete", "plain", "--quiet");

        assertThat(network.json().path("routingConfig").path("routingMode").asText()).isEqualTo("REGIONAL");
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("already exists");
        assertThat(subnet.json().path("gatewayAddress").asText()).isEqualTo("10.10.0.1");
        assertThat(decoded(subnet.json().path("fingerprint"))).hasSize(8);
        assertThat(overlapping.exit()).isNotZero();
        assertThat(overlapping.err()).contains("Invalid IPCidrRange: 10.10.0.128/25 conflicts with existing subnetwork 'plain-a' in region 'europe-west1'");
        assertThat(denyDb.json().path("denied").get(0).path("IPProtocol").asText()).isEqualTo("tcp");
        assertThat(denyDb.json().path("targetTags").toString()).isEqualTo("[\"db\"]");
        assertThat(tagged.json().path("name").asText()).isEqualTo("deny-db");
        assertThat(batch.json().size()).isEqualTo(3);
        assertThat(batchedInserts).isEqualTo(3);
        assertThat(paged.json().size()).isEqualTo(3);
        assertThat(pages).isEqualTo(2);
        assertThat(address.json().path("status").asText()).isEqualTo("RESERVED");
        assertThat(decoded(address.json().path("labelFingerprint"))).hasSize(8);
        assertThat(deleted.exit()).isZero();
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("The resource 'projects/" + PROJECT + "/regions/" + REGION + "/addresses/ip-1' was not found");
        assertThat(networkInUse.exit()).isNotZero();
        assertThat(networkInUse.err()).contains("is already being used by");
    }

    @Test
    void gcloud_shouldBuildAndTearDownAnHaVpnWithItsRouterInterfacesAndBgpPeers() throws Exception {
        ok("compute", "networks", "create", "vpn", "--subnet-mode=custom");
        Result gateway = ok("compute", "vpn-gateways", "create", "ha", "--network=vpn", "--region=" + REGION);
        Result peer = ok("compute", "external-vpn-gateways", "create", "peer", "--interfaces=0=203.0.113.7");
        Result router = ok("compute", "routers", "create", "edge", "--network=vpn", "--region=" + REGION, "--asn=64514",
                "--advertisement-mode=CUSTOM", "--set-advertisement-ranges=10.20.0.0/16");
        Result tunnel = ok("compute", "vpn-tunnels", "create", "t0", "--vpn-gateway=ha", "--interface=0", "--peer-external-gateway=peer",
                "--peer-external-gateway-interface=0", "--region=" + REGION, "--ike-version=2", "--shared-secret=s3cret", "--router=edge");
        ok("compute", "routers", "add-interface", "edge", "--interface-name=if-0", "--ip-address=169.254.0.1", "--mask-length=30",
                "--vpn-tunnel=t0", "--region=" + REGION);
        ok("compute", "routers", "add-bgp-peer", "edge", "--peer-name=p0", "--interface=if-0", "--peer-ip-address=169.254.0.2",
                "--peer-asn=65000", "--region=" + REGION);
        Result described = ok("compute", "routers", "describe", "edge", "--region=" + REGION);
        Result routerInUse = run("compute", "routers", "delete", "edge", "--region=" + REGION, "--quiet");
        Result tunnels = ok("compute", "vpn-tunnels", "list", "--regions=" + REGION, "--filter=status=ESTABLISHED");
        ok("compute", "vpn-tunnels", "delete", "t0", "--region=" + REGION, "--quiet");
        ok("compute", "routers", "delete", "edge", "--region=" + REGION, "--quiet");
        ok("compute", "vpn-gateways", "delete", "ha", "--region=" + REGION, "--quiet");
        ok("compute", "external-vpn-gateways", "delete", "peer", "--quiet");
        Result gone = run("compute", "vpn-tunnels", "describe", "t0", "--region=" + REGION);

        assertThat(gateway.json().path("vpnInterfaces")).hasSize(2);
        assertThat(decoded(gateway.json().path("labelFingerprint"))).hasSize(8);
        assertThat(peer.json().path("redundancyType").asText()).isEqualTo("SINGLE_IP_INTERNALLY_REDUNDANT");
        assertThat(router.json().path("bgp").path("advertiseMode").asText()).isEqualTo("CUSTOM");
        assertThat(router.json().path("bgp").path("advertisedIpRanges").get(0).path("range").asText()).isEqualTo("10.20.0.0/16");
        assertThat(tunnel.json().path("detailedStatus").asText()).isEqualTo("Tunnel is up and running.");
        assertThat(tunnel.json().path("peerIp").asText()).isEqualTo("203.0.113.7");
        assertThat(described.json().path("interfaces").get(0).path("linkedVpnTunnel").asText()).endsWith("/vpnTunnels/t0");
        assertThat(described.json().path("bgpPeers").get(0).path("peerAsn").asInt()).isEqualTo(65000);
        assertThat(routerInUse.exit()).isNotZero();
        assertThat(routerInUse.err()).contains("is already being used by 'projects/" + PROJECT + "/regions/" + REGION + "/vpnTunnels/t0'");
        assertThat(tunnels.json().path("name").asText()).isEqualTo("t0");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.err()).contains("was not found");
    }

    @Test
    void gcloud_shouldRunAnInstanceOnASubnetworkAndFollowItsOperation() throws Exception {
        ok("compute", "networks", "create", "nodes", "--subnet-mode=custom");
        ok("compute", "networks", "subnets", "create", "nodes-a", "--network=nodes", "--region=" + REGION, "--range=10.30.0.0/24");
        Result started = ok("compute", "instances", "create", "node-1", "--zone=" + ZONE, "--machine-type=n2-standard-2",
                "--subnet=nodes-a", "--no-address", "--image=projects/debian-cloud/global/images/debian-12-bookworm-v20250610",
                "--metadata=role=node", "--labels=team=blue", "--async");
        Result operation = ok("compute", "operations", "describe", started.json().path("name").asText(), "--zone=" + ZONE);
        Result instance = ok("compute", "instances", "describe", "node-1", "--zone=" + ZONE);
        Result labelled = ok("compute", "instances", "list", "--zones=" + ZONE, "--filter=labels.team:*");
        Result subnetInUse = run("compute", "networks", "subnets", "delete", "nodes-a", "--region=" + REGION, "--quiet");
        ok("compute", "instances", "delete", "node-1", "--zone=" + ZONE, "--quiet");
        Result subnetDeleted = run("compute", "networks", "subnets", "delete", "nodes-a", "--region=" + REGION, "--quiet");

        assertThat(started.json().path("kind").asText()).isEqualTo("compute#operation");
        assertThat(operation.json().path("status").asText()).isEqualTo("DONE");
        assertThat(operation.json().path("targetLink").asText()).endsWith("/zones/" + ZONE + "/instances/node-1");
        assertThat(instance.json().path("status").asText()).isEqualTo("RUNNING");
        assertThat(instance.json().path("networkInterfaces").get(0).path("networkIP").asText()).isEqualTo("10.30.0.2");
        assertThat(decoded(instance.json().path("metadata").path("fingerprint"))).hasSize(8);
        assertThat(decoded(instance.json().path("fingerprint"))).hasSize(8);
        assertThat(labelled.json().path("name").asText()).isEqualTo("node-1");
        assertThat(subnetInUse.exit()).isNotZero();
        assertThat(subnetInUse.err()).contains("is already being used by 'projects/" + PROJECT + "/zones/" + ZONE + "/instances/node-1'");
        assertThat(subnetDeleted.exit()).as(subnetDeleted.err()).isZero();
    }

    /** gcloud re-encodes the bytes it decoded, URL-safe. */
    private static byte[] decoded(JsonNode fingerprint) {
        return Base64.getUrlDecoder().decode(fingerprint.asText());
    }

    private static Result ok(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exit()).as("gcloud " + String.join(" ", args) + "\n" + result.err()).isZero();
        return result;
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcloud"));
        command.addAll(List.of(args));
        if (!args[0].equals("config")) {
            command.add("--format=json");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLOUDSDK_CONFIG", config.toString());
        builder.environment().put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
        Path out = Files.createTempFile(config, "out", ".json");
        Path err = Files.createTempFile(config, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("gcloud " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean gcloudPresent() {
        try {
            ProcessBuilder builder = new ProcessBuilder("gcloud", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("CLOUDSDK_CONFIG", config.toString());
            Process process = builder.start();
            return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
