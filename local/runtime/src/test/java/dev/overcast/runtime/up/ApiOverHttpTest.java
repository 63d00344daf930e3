package dev.overcast.runtime.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.runtime.Main;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The console API over real HTTP against {@code ./overcast up}'s runtime (started in-process on a free
 * port): every route, every error class, tenancy on every route. Every answer is checked against
 * {@code openapi.yaml}, and every well-formed request too. Clusters are AWS-only and small, so each
 * create takes seconds.
 */
class ApiOverHttpTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String TEAM_A = "dev-team-a";
    private static final String TEAM_B = "dev-team-b";
    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(REPOSITORY.resolve("functions/api/openapi.yaml").toUri().toString()).build();
    /** Polls of a cluster's state while a flow runs; generous, since the machine may be shared. */
    private static final int MAX_POLLS = 1500;

    @TempDir
    static Path console;
    private static LocalRuntime runtime;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(console.resolve("index.html"), "<!doctype html><title>Overcast</title>");
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(REPOSITORY).withPort(0).withConsole(console));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void regions_shouldAnswerTheBestSetNearAPlace_withEveryPairsRoundTrip() {
        Answer answer = call("GET", "/regions?near=us-east", TEAM_A, null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode set = answer.json().path("sets").get(0);
        assertThat(set.path("regions").findValuesAsText("region")).containsExactly("us-east-1", "us-east4", "eastus2");
        assertThat(set.path("pairs")).hasSize(3);
        assertThat(set.path("pairs").get(0).path("rttMillis").asDouble()).isEqualTo(1.62);
    }

    @Test
    void regions_shouldNameTheField_whenNearIsMissingOrUnknown() {
        assertViolation(call("GET", "/regions", TEAM_A, null), "near", "required");
        assertViolation(call("GET", "/regions?near=atlantis", TEAM_A, null), "near", "location");
        assertViolation(call("GET", "/regions?near=tokyo&clouds=aws,ibm", TEAM_A, null), "clouds", "enum");
    }

    @Test
    void everyRoute_shouldAnswer401_withoutATokenOrWithOneNobodyIssued() {
        for (String token : new String[] {null, "forged"}) {
            for (String[] route : new String[][] {{"GET", "/clusters"}, {"POST", "/clusters"}, {"GET", "/clusters/x"},
                {"DELETE", "/clusters/x"}, {"GET", "/clusters/x/events"}, {"POST", "/clusters/x/workers"},
                {"POST", "/clusters/x/reconcile"}, {"GET", "/regions?near=tokyo"}}) {
                Answer answer = call(route[0], route[1], token, route[0].equals("POST") ? "{}" : null);
                assertThat(answer.status()).as("%s %s with token %s", route[0], route[1], token).isEqualTo(401);
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
            }
        }
    }

    @Test
    void create_shouldListEveryViolation_whenTheSpecBreaksRules() {
        Answer answer = call("POST", "/clusters", TEAM_A, """
                {"name": "Bad_Name", "clouds": ["aws"], "masters": {"count": 2, "size": "small"},
                 "workers": {"aws": {"count": 500, "size": "small"}}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("violations").findValuesAsText("field"))
                .contains("name", "masters.count", "workers.aws.count");
        assertThat(answer.json().path("violations").findValuesAsText("rule")).contains("dns-label", "one-of", "range");
    }

    @Test
    void create_shouldRefuseWhatIsNotAJsonSpec() {
        assertThat(call("POST", "/clusters", TEAM_A, "name: demo", Map.of("Content-Type", "text/yaml")).status()).isEqualTo(415);
        assertViolation(call("POST", "/clusters", TEAM_A, "{not json"), "", "format");
        assertViolation(call("POST", "/clusters", TEAM_A, "[1, 2]"), "", "type");
    }

    @Test
    void create_shouldAnswer413_whenTheBodyIsOver64KiB() {
        String body = "{\"name\": \"big\", \"clouds\": [\"aws\"], \"padding\": \"" + "x".repeat(70 * 1024) + "\"}";

        Answer answer = call("POST", "/clusters", TEAM_A, body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("detail").asText()).contains("65536");
    }

    @Test
    void dryRun_shouldAnswerThePlanAndPreflight_andCreateNothing() {
        Snapshot before = awsAccount();

        Answer answer = call("POST", "/clusters?dryRun=true", TEAM_A, spec("dry", 2));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/regions/regions/0/region").asText()).isEqualTo("us-east-1");
        JsonNode resources = answer.json().path("resources");
        assertThat(resources.findValuesAsText("cloud")).isNotEmpty().containsOnly("aws");
        assertThat(resources.findValuesAsText("name")).contains("dry-network-aws", "dry-instance-aws-1");
        assertThat(answer.json().at("/preflight/passed").asBoolean()).as(answer.body()).isTrue();
        assertThat(answer.json().at("/preflight/checks").size()).isPositive();
        assertThat(call("GET", "/clusters/dry", TEAM_A, null).status()).isEqualTo(404);
        assertThat(runtime.world().store().locks().current("dry")).isEmpty();
        assertThat(awsAccount()).isEqualTo(before);
    }

    @Test
    void dryRun_shouldFailPreflight_whenTheGrantLacksAPermission() {
        runtime.world().cloudSim().world().iam().deny("aws", LocalWorld.AWS_ACCOUNT, "ec2:CreateVpc");
        try {
            Answer answer = call("POST", "/clusters?dryRun=true", TEAM_A, spec("denied", 0));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/preflight/passed").asBoolean()).isFalse();
            assertThat(answer.json().at("/preflight/checks")).filteredOn(c -> !c.path("passed").asBoolean())
                    .singleElement()
                    .satisfies(c -> assertThat(c.path("check").asText()).contains("CreateVpc"))
                    .satisfies(c -> assertThat(c.path("remedy").asText()).isNotBlank());
        } finally {
            runtime.world().cloudSim().world().iam().allowAll();
        }
    }

    @Test
    void dryRun_shouldRefuseWhatCreateRefuses() {
        assertViolation(call("POST", "/clusters?dryRun=true", TEAM_A, spec("Bad_Name", 0)), "name", "dns-label");
    }

    @Test
    void unknownPaths_shouldServeTheConsole_andApiRoutesWin() {
        Answer index = call("GET", "/", null, null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<title>Overcast</title>");
        assertThat(call("GET", "/settings", null, null).body()).contains("<title>Overcast</title>");
        assertThat(call("GET", "/clusters", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/missing.js", null, null).status()).isEqualTo(404);
    }

    @Test
    void aClustersLife_overEveryRoute_withTenancyIdempotencyAndTheQueue() {
        Snapshot before = awsAccount();
        String key = UUID.randomUUID().toString();
        Answer created = call("POST", "/clusters", TEAM_A, spec("alpha", 1), Map.of("Idempotency-Key", key));
        assertThat(created.status()).isEqualTo(202);
        assertThat(created.header("Location")).isEqualTo("/clusters/alpha");
        String alpha = created.json().path("internalId").asText();
        assertThat(alpha).matches("alpha-[a-z0-9]{6}");
        assertThat(created.json().path("clusterId").asText()).isEqualTo("alpha");
        assertThat(created.json().path("executionArn").asText())
                .matches("arn:aws:states:us-east-1:\\d{12}:execution:overcast-dev-create-cluster:" + alpha + "-create-[0-9a-f]{8}");

        Answer retried = call("POST", "/clusters", TEAM_A, spec("alpha", 1), Map.of("Idempotency-Key", key));
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json()).isEqualTo(created.json());
        assertThat(call("POST", "/clusters", TEAM_A, spec("other", 1), Map.of("Idempotency-Key", key)).status())
                .isEqualTo(422);

        JsonNode ready = awaitCluster("alpha", c -> c.path("status").asText().equals("ready") && !c.has("phase"));
        assertThat(ready.path("progress").path("percent").asInt()).isEqualTo(100);
        assertThat(ready.path("resources").path("aws")).hasSize(ready.path("progress").path("planned").asInt());
        assertThat(ready.path("regions").path("regions").get(0).path("region").asText()).isEqualTo("us-east-1");
        assertThat(ready.path("conditions").findValuesAsText("type")).contains("Ready", "Locked", "CrossCloudRtt");

        assertThat(call("POST", "/clusters", TEAM_A, spec("alpha", 1)).status()).isEqualTo(409);
        assertThat(call("GET", "/clusters", TEAM_A, null).json().path("clusters").findValuesAsText("id")).contains("alpha");
        assertThat(call("GET", "/clusters/alpha/events", TEAM_A, null).json().path("events").findValuesAsText("step"))
                .contains("api", "plan", "converge-aws", "status");

        assertOtherTenantSeesNothing("alpha");

        Answer scaled = call("POST", "/clusters/alpha/workers", TEAM_A, "{\"cloud\": \"aws\", \"workers\": 2}");
        assertThat(scaled.status()).isEqualTo(202);
        assertThat(scaled.json().path("queued").asBoolean()).isFalse();
        assertThat(scaled.json().path("executionArn").asText()).contains(":overcast-dev-reconcile-cluster:" + alpha + "-reconcile-");
        awaitCluster("alpha", c -> c.path("spec").path("workers").path("aws").path("count").asInt() == 2
                && c.path("status").asText().equals("ready") && !c.has("phase"));
        assertThat(awaitCluster("alpha", c -> c.path("progress").path("ready").asInt()
                == c.path("progress").path("planned").asInt()).path("resources").path("aws").findValuesAsText("name"))
                .contains(alpha + "-instance-aws-1");

        assertViolation(call("POST", "/clusters/alpha/workers", TEAM_A, "{\"cloud\": \"gcp\", \"workers\": 2}"), "cloud", "refused");
        assertViolation(call("POST", "/clusters/alpha/workers", TEAM_A, "{\"cloud\": \"aws\", \"workers\": 500}"),
                "workers.aws.count", "range");
        assertViolation(call("POST", "/clusters/alpha/workers", TEAM_A, "{\"cloud\": \"aws\", \"workers\": 1, \"masters\": 3}"),
                "masters", "create-only");
        assertViolation(call("POST", "/clusters/alpha/workers", TEAM_A, "{\"cloud\": \"AWS\", \"workers\": 1}"), "cloud", "enum");

        Lease held = runtime.world().store().locks().acquire(alpha,
                "arn:aws:states:us-east-1:000000000000:execution:overcast-dev-reconcile-all:hourly-elsewhere", LeasePurpose.RECONCILE, Duration.ofMinutes(10));
        Answer queued = call("POST", "/clusters/alpha/workers", TEAM_A, "{\"cloud\": \"aws\", \"workers\": 1}");
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.json().path("queued").asBoolean()).isTrue();
        assertThat(queued.json().path("lockedBy").asText()).isEqualTo("reconcile");
        Answer reconcileQueued = call("POST", "/clusters/alpha/reconcile", TEAM_A, null);
        assertThat(reconcileQueued.status()).isEqualTo(202);
        assertThat(reconcileQueued.json().path("queued").asBoolean()).isTrue();
        JsonNode locked = call("GET", "/clusters/alpha", TEAM_A, null).json();
        assertThat(locked.path("queuedChanges")).hasSize(1);
        assertThat(locked.path("phase").path("flow").asText()).isEqualTo("reconcile");
        runtime.world().store().locks().release(held);

        Answer reconciled = call("POST", "/clusters/alpha/reconcile", TEAM_A, null);
        assertThat(reconciled.json().path("queued").asBoolean()).isFalse();
        JsonNode drained = awaitCluster("alpha", c -> c.path("queuedChanges").isEmpty() && !c.has("phase")
                && c.path("status").asText().equals("ready"));
        assertThat(drained.path("spec").path("workers").path("aws").path("count").asInt()).isEqualTo(1);
        assertThat(drained.path("lastReconcile").path("executionArn").asText()).isEqualTo(reconciled.json().path("executionArn").asText());

        Answer deleted = call("DELETE", "/clusters/alpha", TEAM_A, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.json().path("status").asText()).isEqualTo("deleting");
        awaitCluster("alpha", c -> c.path("status").asText().equals("deleted") || c.isMissingNode());
        assertThat(awsAccount().diff(before)).isEmpty();
    }

    @Test
    void dryRun_shouldBeReadAsABoolean_exactly() {
        for (String value : List.of("1", "yes", "on", "TRUE", "")) {
            assertViolation(call("POST", "/clusters?dryRun=" + value, TEAM_A, spec("probe-bool", 0)), "dryRun", "type");
        }
        assertThat(runtime.world().store().clusters().findByName("team-a", "probe-bool")).isEmpty();
    }

    @Test
    void idempotencyKey_shouldTellADryRunFromTheCreate() {
        String key = UUID.randomUUID().toString();
        assertThat(call("POST", "/clusters?dryRun=true", TEAM_A, spec("probe-key", 0), Map.of("Idempotency-Key", key)).status())
                .isEqualTo(200);

        assertThat(call("POST", "/clusters", TEAM_A, spec("probe-key", 0), Map.of("Idempotency-Key", key)).status()).isEqualTo(422);
        assertThat(runtime.world().store().clusters().findByName("team-a", "probe-key")).isEmpty();
    }

    /**
     * Names are per tenant: two tenants racing to create one name, each with many keys, each get exactly
     * one cluster (one execution each), with distinct internal ids and resource names in the one AWS
     * account they share here, and neither sees the other's events.
     */
    @Test
    void parallelCreates_shouldStartOneExecutionPerTenant_whateverTheKeys() throws Exception {
        Snapshot before = awsAccount();
        String sharedKey = UUID.randomUUID().toString();
        List<Answer> answers = parallel(40, i -> call("POST", "/clusters", i % 4 == 3 ? TEAM_B : TEAM_A, spec("race", 0),
                Map.of("Idempotency-Key", i % 2 == 0 ? sharedKey + (i % 4) : UUID.randomUUID().toString())));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(202, 409));
        Map<String, String> idOf = new LinkedHashMap<>();
        for (String token : List.of(TEAM_A, TEAM_B)) {
            List<Answer> accepted = java.util.stream.IntStream.range(0, answers.size())
                    .filter(i -> (i % 4 == 3 ? TEAM_B : TEAM_A).equals(token) && answers.get(i).status() == 202)
                    .mapToObj(answers::get).toList();
            assertThat(accepted.stream().map(a -> a.json().path("executionArn").asText()).distinct()).as(token).hasSize(1);
            String id = accepted.get(0).json().path("internalId").asText();
            assertThat(runtime.world().store().progress().eventsOfCluster(id))
                    .filteredOn(e -> e.step().equals("api") && e.status().equals("started")).hasSize(1);
            idOf.put(token, id);
        }
        assertThat(idOf.get(TEAM_A)).isNotEqualTo(idOf.get(TEAM_B));

        for (String token : List.of(TEAM_A, TEAM_B)) {
            String id = idOf.get(token);
            JsonNode ready = awaitCluster("race", token, c -> c.path("status").asText().equals("ready") && !c.has("phase"));
            assertThat(ready.path("internalId").asText()).isEqualTo(id);
            assertThat(ready.path("resources").path("aws").findValuesAsText("name")).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith(id + "-"));
            assertThat(call("GET", "/clusters/race/events", token, null).json().path("events").findValuesAsText("executionArn"))
                    .isNotEmpty().allSatisfy(arn -> assertThat(arn).contains(":" + id + "-"));
        }
        for (String token : List.of(TEAM_A, TEAM_B)) {
            assertThat(call("DELETE", "/clusters/race", token, null).status()).isEqualTo(202);
        }
        for (String token : List.of(TEAM_A, TEAM_B)) {
            awaitCluster("race", token, c -> c.path("status").asText().equals("deleted"));
        }
        assertThat(awsAccount().diff(before)).isEmpty();
    }

    /**
     * A destroyed cluster's name is free again: until it is taken the name still shows the deleted cluster
     * and its events; created again, it is a new cluster under a new internal id, with events of its own.
     */
    @Test
    void aDestroyedName_shouldBeFreeToCreateAgain_underANewInternalId() {
        Answer first = call("POST", "/clusters", TEAM_A, spec("again", 0));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String firstId = first.json().path("internalId").asText();
        awaitCluster("again", c -> c.path("status").asText().equals("ready") && !c.has("phase"));
        assertThat(call("DELETE", "/clusters/again", TEAM_A, null).status()).isEqualTo(202);
        awaitCluster("again", c -> c.path("status").asText().equals("deleted"));
        assertThat(call("GET", "/clusters/again/events", TEAM_A, null).json().path("events").findValuesAsText("step")).contains("api", "plan");

        Answer second = call("POST", "/clusters", TEAM_A, spec("again", 0));

        assertThat(second.status()).as(second.body()).isEqualTo(202);
        String secondId = second.json().path("internalId").asText();
        assertThat(secondId).startsWith("again-").isNotEqualTo(firstId);
        assertThat(call("GET", "/clusters/again", TEAM_A, null).json().path("internalId").asText()).isEqualTo(secondId);
        assertThat(call("GET", "/clusters/again/events", TEAM_A, null).json().path("events").findValuesAsText("executionArn"))
                .allSatisfy(arn -> assertThat(arn).contains(":" + secondId + "-"));
        assertThat(call("GET", "/clusters", TEAM_A, null).json().path("clusters")).filteredOn(c -> c.path("id").asText().equals("again"))
                .extracting(c -> c.path("internalId").asText()).containsExactly(firstId, secondId);
        awaitCluster("again", c -> c.path("status").asText().equals("ready") && !c.has("phase"));
        assertThat(call("DELETE", "/clusters/again", TEAM_A, null).status()).isEqualTo(202);
        awaitCluster("again", c -> c.path("status").asText().equals("deleted"));
    }

    @Test
    void location_shouldAnswer_assoonAsTheCreateIsAccepted() {
        Answer created = call("POST", "/clusters", TEAM_A, spec("at-once", 0));
        assertThat(created.status()).isEqualTo(202);

        assertThat(call("GET", created.header("Location"), TEAM_A, null).status()).isEqualTo(200);

        awaitCluster("at-once", TEAM_A, c -> c.path("status").asText().equals("ready") && !c.has("phase"));
        call("DELETE", "/clusters/at-once", TEAM_A, null);
        awaitCluster("at-once", TEAM_A, c -> c.path("status").asText().equals("deleted") || c.isMissingNode());
    }

    @Test
    void badCidrs_shouldBe400NamingTheField_withNoExceptionText() {
        for (String cidr : List.of("1-300", "*", "10.0-1.0.0/16", "10.*.0.0/16", "::/0")) {
            Answer answer = call("POST", "/clusters?dryRun=true", TEAM_A,
                    spec("cidr", 0).replace("\"clouds\"", "\"network\": {\"podCidr\": \"" + cidr + "\"}, \"clouds\""));
            assertViolation(answer, "network.podCidr", "cidr");
            assertThat(answer.body()).doesNotContain("Exception");
        }
    }

    @Test
    void paths_shouldBeDecodedExactlyOnce() {
        assertThat(call("GET", "/clusters/%61b%2D1", TEAM_A, null).json().path("detail").asText()).isEqualTo("no cluster ab-1");
        assertThat(call("GET", "/clusters/a+b", TEAM_A, null).json().path("detail").asText()).isEqualTo("no cluster a+b");
        // An encoded %, slash or dot could be decoded again further on: the server refuses them outright, as problems.
        for (String ambiguous : List.of("/clusters/%25", "/clusters/%252e%252e", "/clusters/%2e%2e/clusters", "/clusters/a%2Fb")) {
            Answer refused = rawGet(ambiguous);
            assertThat(refused.status()).as(ambiguous).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void theContract_shouldBeReadStrictly() {
        assertViolation(rawGet("/regions?near=%"), "near", "encoding");
        assertThat(call("POST", "/clusters", TEAM_A, spec("strict", 0), Map.of("Content-Type", "application/jsonx")).status())
                .isEqualTo(415);
        assertThat(call("POST", "/clusters?dryRun=true", TEAM_A, spec("strict", 0),
                Map.of("Content-Type", "application/json; charset=utf-8")).status()).isEqualTo(200);
        assertViolation(call("POST", "/clusters?dryRun=true", TEAM_A, spec("strict", 0).replace("{\"name\": \"strict\",",
                "{\"name\": \"strict\", \"name\": \"other\",")), "name", "duplicate-key");
        assertViolation(call("POST", "/clusters?dryRun=true", TEAM_A, spec("strict", 0).replace("[\"aws\"]", "[\"AWS\"]")),
                "clouds.0", "enum");
        assertViolation(call("GET", "/regions?near=tokyo&clouds=GCP", TEAM_A, null), "clouds", "enum");

        Answer put = call("PUT", "/clusters", TEAM_A, "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, POST");
        assertThat(put.contentType()).isEqualTo("application/problem+json");
        Answer head = call("HEAD", "/clusters", TEAM_A, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void answers_shouldCarrySecurityHeaders() {
        Answer api = call("GET", "/clusters", TEAM_A, null);
        assertThat(api.header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(call("GET", "/clusters/nobody", TEAM_A, null).header("Cache-Control")).isEqualTo("no-store");

        Answer page = call("GET", "/", null, null);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'")
                .doesNotContain("'unsafe-eval'").doesNotContainPattern("script-src[^;]*unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    /** A GET as it comes off the wire, for what java.net.URI refuses to send ({@code %} alone, encoded dots). */
    private static Answer rawGet(String pathAndQuery) {
        try (java.net.Socket socket = new java.net.Socket(runtime.api().getHost(), runtime.api().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + runtime.api().getAuthority()
                    + "\r\nAuthorization: Bearer " + TEAM_A + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String[] answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] head = answer[0].split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : java.util.Arrays.asList(head).subList(1, head.length)) {
                headers.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, answer.length > 1 ? answer[1] : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Answer> parallel(int count, java.util.function.IntFunction<Answer> request) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return request.apply(index);
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (java.util.concurrent.Future<Answer> future : futures) {
                answers.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void delete_shouldStopACreateHalfWay_andDestroyWhatItBuilt() {
        Snapshot before = awsAccount();
        assertThat(call("POST", "/clusters", TEAM_A, spec("beta", 1)).status()).isEqualTo(202);
        awaitCluster("beta", c -> !c.path("resources").path("aws").isEmpty());

        Answer deleted = call("DELETE", "/clusters/beta", TEAM_A, null);

        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.json().path("executionArn").asText()).containsPattern(":overcast-dev-destroy-cluster:beta-[a-z0-9]{6}-destroy-");
        JsonNode gone = awaitCluster("beta", c -> c.path("status").asText().equals("deleted") || c.isMissingNode());
        assertThat(gone.path("resources").path("aws").isEmpty()).isTrue();
        assertThat(awsAccount().diff(before)).isEmpty();
        assertThat(call("DELETE", "/clusters/nobody", TEAM_A, null).status()).isEqualTo(404);
    }

    /** The AWS account once pending work has finished (deletions complete a few simulated minutes after the flow ends). */
    private static Snapshot awsAccount() {
        runtime.world().cloudSim().world().settle("aws", LocalWorld.AWS_ACCOUNT, Duration.ofMinutes(10));
        return runtime.world().cloudSim().world().snapshot("aws", LocalWorld.AWS_ACCOUNT);
    }

    @Test
    void sampleEvents_shouldBeAnsweredByTheBean_asApiGatewayWouldInvokeIt() throws IOException {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("list-clusters.json", 200);
        expected.put("get-cluster.json", 404);
        expected.put("create-cluster.json", 202);
        Snapshot before = awsAccount();
        for (Map.Entry<String, Integer> sample : expected.entrySet()) {
            APIGatewayProxyRequestEvent event = JSON.readValue(
                    REPOSITORY.resolve("events/api").resolve(sample.getKey()).toFile(), APIGatewayProxyRequestEvent.class);

            APIGatewayProxyResponseEvent response = runtime.consoleApi().apply(event);

            assertThat(response.getStatusCode()).as(sample.getKey() + ": " + response.getBody()).isEqualTo(sample.getValue());
        }
        // The create's first steps record the cluster; until then it is not found (no tenant to check yet).
        awaitCluster("demo", c -> !c.isMissingNode());
        assertThat(call("DELETE", "/clusters/demo", TEAM_A, null).status()).isEqualTo(202);
        awaitCluster("demo", c -> c.path("status").asText().equals("deleted") || c.isMissingNode());
        assertThat(awsAccount().diff(before)).isEmpty();
    }

    @Test
    void cli_shouldPrintTables_andMeanSomethingByItsExitCode() throws IOException {
        Path spec = console.resolve("gamma.json");
        Files.writeString(spec, spec("gamma", 1));
        Path bad = console.resolve("bad.yaml");
        Files.writeString(bad, "name: Bad_Name\nclouds: [aws]\n");

        assertThat(cli(TEAM_A, "create", "-f", spec.toString())).startsWith("0:cluster gamma: creating (arn:aws:states:");
        assertThat(cli(TEAM_A, "events", "gamma", "--follow")).startsWith("0:").contains("converge-aws");
        awaitCluster("gamma", c -> c.path("status").asText().equals("ready") && !c.has("phase"));
        assertThat(cli(TEAM_A, "list")).startsWith("0:").contains("gamma  ready");
        assertThat(cli(TEAM_A, "get", "gamma")).startsWith("0:cluster gamma: ready").containsPattern("gamma-[a-z0-9]{6}-network-aws");
        assertThat(JSON.readTree(cli(TEAM_A, "get", "gamma", "--json").substring(2)).path("id").asText()).isEqualTo("gamma");
        assertThat(cli(TEAM_A, "create", "-f", bad.toString())).startsWith("2:").contains("name:").contains("[dns-label]");
        assertThat(cli(TEAM_A, "scale", "gamma", "--cloud", "gcp", "--workers", "1")).startsWith("2:");
        assertThat(cli("forged", "list")).startsWith("3:");
        assertThat(cli(TEAM_B, "get", "gamma")).startsWith("4:");
        assertThat(cli(TEAM_A, "create", "-f", spec.toString())).startsWith("5:");
        assertThat(cli(TEAM_A, "reconcile", "gamma")).startsWith("0:cluster gamma: started");
        awaitCluster("gamma", c -> c.path("status").asText().equals("ready") && !c.has("phase"));
        assertThat(cli(TEAM_A, "delete", "gamma")).startsWith("0:cluster gamma: deleting");
        awaitCluster("gamma", c -> c.path("status").asText().equals("deleted") || c.isMissingNode());
    }

    /** Runs {@code overcast ARGS} against the runtime; answers {@code "<exit code>:<stdout><stderr>"}. */
    private static String cli(String token, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", runtime.api().toString(), "--token", token));
        int code = commandLine.execute(all.toArray(String[]::new));
        return code + ":" + out + err;
    }

    /** Team B gets 404 on every route of team A's cluster and does not see it listed. */
    private static void assertOtherTenantSeesNothing(String id) {
        assertThat(call("GET", "/clusters/" + id, TEAM_B, null).status()).isEqualTo(404);
        assertThat(call("GET", "/clusters/" + id + "/events", TEAM_B, null).status()).isEqualTo(404);
        assertThat(call("POST", "/clusters/" + id + "/workers", TEAM_B, "{\"cloud\": \"aws\", \"workers\": 5}").status())
                .isEqualTo(404);
        assertThat(call("POST", "/clusters/" + id + "/reconcile", TEAM_B, null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/clusters/" + id, TEAM_B, null).status()).isEqualTo(404);
        assertThat(call("GET", "/clusters", TEAM_B, null).json().path("clusters").findValuesAsText("id")).doesNotContain(id);
        assertThat(runtime.world().store().clusters().findByName("team-a", id).orElseThrow().spec()).contains("\"count\":1");
    }

    private static JsonNode awaitCluster(String id, Predicate<JsonNode> condition) {
        return awaitCluster(id, TEAM_A, condition);
    }

    private static JsonNode awaitCluster(String id, String token, Predicate<JsonNode> condition) {
        JsonNode last = null;
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            Answer answer = call("GET", "/clusters/" + id, token, null);
            last = answer.status() == 404 ? JSON.missingNode() : answer.json();
            if (condition.test(last)) {
                return last;
            }
            pause();
        }
        throw new AssertionError("cluster " + id + " never reached the expected state; last seen: " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String spec(String name, int workers) {
        return """
                {"name": "%s", "clouds": ["aws"], "regions": {"aws": "us-east-1"}, "masters": {"count": 1, "size": "small"},
                 "workers": {"aws": {"count": %d, "size": "small"}}}""".formatted(name, workers);
    }

    private static void assertViolation(Answer answer, String field, String rule) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().path("violations")).as(answer.body())
                .anySatisfy(v -> {
                    assertThat(v.path("field").asText()).isEqualTo(field);
                    assertThat(v.path("rule").asText()).isEqualTo(rule);
                });
    }

    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    private static Answer call(String method, String pathAndQuery, String token, String body) {
        return call(method, pathAndQuery, token, body, Map.of());
    }

    /** One exchange over HTTP; the answer (and a request that means to be valid) checked against openapi.yaml. */
    private static Answer call(String method, String pathAndQuery, String token, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (body != null) {
            headers.putIfAbsent("Content-Type", "application/json");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.api() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> answerHeaders.put(name, values.get(0)));
        Answer answer = new Answer(response.statusCode(), answerHeaders, response.body());
        // A method the contract does not declare has no operation to check against (405, and HEAD as GET).
        if (isApiRoute(pathAndQuery) && answer.status() != 405 && !method.equals("HEAD")) {
            checkAgainstContract(method, pathAndQuery, headers, body, answer);
        }
        return answer;
    }

    private static boolean isApiRoute(String pathAndQuery) {
        return pathAndQuery.startsWith("/clusters") || pathAndQuery.startsWith("/regions");
    }

    private static void checkAgainstContract(String method, String pathAndQuery, Map<String, String> headers, String body,
                                             Answer answer) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status()).withBody(answer.body());
        answer.headers().forEach(response::withHeader);
        List<String> messages = new ArrayList<>();
        CONTRACT.validateResponse(path, Request.Method.valueOf(method), response.build()).getMessages()
                .forEach(m -> messages.add("response: " + m));
        if (answer.status() < 400) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
            headers.forEach(request::withHeader);
            if (body != null) {
                request.withBody(body);
            }
            query(pathAndQuery).forEach(request::withQueryParam);
            ValidationReport report = CONTRACT.validateRequest(request.build());
            report.getMessages().forEach(m -> messages.add("request: " + m));
        }
        assertThat(messages).as("%s %s → %d against openapi.yaml", method, pathAndQuery, answer.status()).isEmpty();
    }

    private static Map<String, String> query(String pathAndQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        int mark = pathAndQuery.indexOf('?');
        if (mark >= 0) {
            for (String pair : pathAndQuery.substring(mark + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return query;
    }
}
