package dev.overcast.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.overcast.functions.api.ConsoleApi;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.core.cluster.ClusterIds;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.runtime.up.LocalRuntime;
import dev.overcast.store.Cluster;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile requests to every console API route that takes a body, a query or a path id, sent to the
 * {@code ConsoleApi} bean as API Gateway proxy events (a few over HTTP too). Whatever the request: the
 * answer is never a 5xx (nor a thrown exception, which API Gateway turns into a 502); every 4xx is an
 * {@code application/problem+json} whose violations name a field and a rule; an answer that is not 2xx
 * changes nothing in the store's tables (idempotency records aside: remembering a refusal is their job);
 * and a body is accepted only when it is valid. No flow ever starts: creates are dry runs or find their
 * name taken in their tenant, and the one seeded cluster is locked by a flow "elsewhere", so its scales only queue.
 */
class ApiFuzzPropertiesTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Planner PLANNER = Planner.standard();
    private static final String TENANT = "team-a";
    private static final String TOKEN = "dev-team-a";
    private static final String OTHER_TENANT = "team-b";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonNode CONTRACT = readContract();
    /** A cluster row the fuzzing scales, reconciles and reads; its lease keeps every flow from starting. */
    private static final String SEEDED = "fuzzed";
    private static final String ELSEWHERE = "arn:aws:states:us-east-1:000000000000:execution:overcast-dev-reconcile-all:fuzz";
    private static final String VALID_SPEC = """
            {"name": "probe", "clouds": ["aws"], "regions": {"aws": "us-east-1"}, "masters": {"count": 1, "size": "small"},
             "workers": {"aws": {"count": 1, "size": "small"}}}""";
    private static final String VALID_SCALE = "{\"cloud\": \"aws\", \"workers\": 2}";
    private static final List<String> SPEC_FIELDS = List.of("/name", "/clouds", "/clouds/0", "/regions", "/regions/aws",
            "/masters", "/masters/count", "/masters/size", "/workers", "/workers/aws", "/workers/aws/count",
            "/workers/aws/size", "/near", "/kubernetesVersion", "/network", "/network/podCidr", "/unknown");
    private static final List<String> SCALE_FIELDS = List.of("/cloud", "/workers", "/masters", "/unknown");
    /** Text that has hurt services before: look-alikes, invisible and reordering characters, NUL, traversal, injections. */
    private static final List<String> HOSTILE = List.of(
            "prоbe", // Cyrillic о
            "probe\u200b", "\u200dprobe", "pro\u202ebe", "ＰＲＯＢＥ", "probe\u0000", "\u0000", "../../etc/passwd", "..%2f..%2fx",
            "probe/../../fuzzed", "..\\..\\windows", "fuzzed%00", "%2e%2e%2f", "probe\r\nSet-Cookie: x=1", "' OR '1'='1",
            "\"; DROP TABLE clusters; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "$(id)", "`id`",
            "#{1+1}", "%s%s%s%n", "\ud83d\ude42", "\ufeffprobe", "probe\u0301", "a".repeat(41), "a".repeat(5000), "",
            " ", "-", "aws", "small", "us-east-1", "us-east", "1.30", "10.0.0.0/16", "NaN", "-1", "2147483648", "fuzzed");

    private static LocalRuntime runtime;
    private static Lease elsewhere;
    /** Every table but the idempotency records: remembering a refusal is their job. */
    private static List<String> scanned;
    /** The store's tables as the last intended change left them: what every other answer must leave too. */
    private static Map<String, String> settled;

    @BeforeContainer
    static void start() {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(REPOSITORY).withPort(0));
        runtime.world().store().clusters().create(SEEDED, TENANT, SEEDED, VALID_SPEC.replace("probe", SEEDED));
        elsewhere = runtime.world().store().locks().acquire(SEEDED, ELSEWHERE, LeasePurpose.RECONCILE, Duration.ofDays(365));
        scanned = runtime.world().dynamoDb().listTables().tableNames().stream()
                .filter(table -> !table.toLowerCase(Locale.ROOT).contains("idempoten")).toList();
        settled = tables();
    }

    @AfterContainer
    static void stop() {
        if (runtime == null) {
            return; // start() failed and jqwik reports why; a NullPointerException here would hide it
        }
        try {
            assertThat(runtime.world().store().clusters().list()).extracting(c -> c.id()).containsExactly(SEEDED);
            assertThat(runtime.world().store().changes().pending(SEEDED)).isEmpty();
            assertThat(runtime.world().store().progress().eventsOfCluster(SEEDED)).isEmpty();
        } finally {
            runtime.close();
        }
    }

    @AfterProperty
    void storeShouldBeAsTheLastIntendedChangeLeftIt() {
        assertThat(tables()).isEqualTo(settled);
    }

    /** Fewer tries: a valid dry run runs the accounts' preflight against the cloud emulators. */
    @Property(tries = 100)
    void dryRun_shouldAnswer200_exactlyWhenTheSpecIsValid(@ForAll("specBodies") String body) {
        APIGatewayProxyResponseEvent answer = send(post("/clusters", null, body).withQueryStringParameters(Map.of("dryRun", "true")));

        assertWellBehaved("POST", answer);
        assertThat(answer.getStatusCode()).as("%s → %s", abbreviated(body), answer.getBody())
                .isEqualTo(validSpec(body).map(name -> name.equals(SEEDED) ? 409 : 200).orElse(refusal(body)));
    }

    @Property(tries = 200)
    void create_shouldRefuseEveryInvalidSpec_andStartNothing(@ForAll("specBodies") String body) {
        APIGatewayProxyResponseEvent answer = createWithNameTaken(body, post("/clusters", null, body));

        assertThat(answer.getStatusCode()).as("%s → %s", abbreviated(body), answer.getBody())
                .isEqualTo(validSpec(body).isPresent() ? 409 : refusal(body));
    }

    /** What an invalid spec sent as JSON is answered: 413 past the size limit, else 400. */
    private static int refusal(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length > ConsoleApi.MAX_BODY_BYTES ? 413 : 400;
    }

    /**
     * Sends a create; a valid spec's name is first taken by a cluster of the tenant, so the API refuses it
     * (409) instead of starting a flow. The store must be as it was, that cluster aside.
     */
    private static APIGatewayProxyResponseEvent createWithNameTaken(String body, APIGatewayProxyRequestEvent create) {
        try {
            return createWithNameTaken(body, () -> List.of(send(create))).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends creates while a valid spec's name is taken in the tenant; every answer must be a refusal. */
    private static List<APIGatewayProxyResponseEvent> createWithNameTaken(String body, Callable<List<APIGatewayProxyResponseEvent>> creates)
            throws Exception {
        Optional<Cluster> guard = validSpec(body).filter(name -> !name.equals(SEEDED)).map(name -> runtime.world().store().clusters()
                .create(ClusterIds.newId(name, new SplittableRandom(name.hashCode())), TENANT, name, body));
        Map<String, String> unlocked = settled;
        try {
            settled = guard.isPresent() ? tables() : settled;
            List<APIGatewayProxyResponseEvent> answers = creates.call();
            for (APIGatewayProxyResponseEvent answer : answers) {
                assertWellBehaved("POST", answer);
                assertThat(answer.getStatusCode()).as(answer.getBody()).isGreaterThanOrEqualTo(400);
            }
            return answers;
        } finally {
            guard.ifPresent(taken -> runtime.world().store().clusters().withdraw(taken));
            settled = guard.isPresent() ? tables() : unlocked;
        }
    }

    /**
     * Accepted scales only queue (the cluster is locked), and only a string cloud of the cluster with a count
     * the planner takes. Fewer tries: each accepted scale is drained and the tables scanned again.
     */
    @Property(tries = 100)
    void scale_shouldQueueOnlyAValidCount(@ForAll("scaleBodies") String body) {
        APIGatewayProxyResponseEvent answer = send(post("/clusters/{id}/workers", SEEDED, body));

        assertWellBehaved("POST", answer);
        if (answer.getStatusCode() < 300) {
            JsonNode scale = strict(body);
            assertThat(scale.path("cloud").textValue()).isEqualTo("aws");
            assertThat(scale.path("masters").isMissingNode() || scale.path("masters").isNull()).isTrue();
            assertThat(validSpec(VALID_SPEC.replace("\"count\": 1, \"size\": \"small\"}}",
                    "\"count\": " + scale.path("workers").intValue() + ", \"size\": \"small\"}}"))).isPresent();
            assertThat(runtime.world().store().changes().pending(SEEDED)).hasSize(1);
            runtime.world().store().changes().drain(elsewhere, (spec, change) -> spec);
            settled = tables();
        }
    }

    @Property(tries = 200)
    void reconcile_shouldOnlyNoteTheHolder_whateverTheBody(@ForAll("anyBodies") String body, @ForAll("hostileIds") String id) {
        APIGatewayProxyResponseEvent seeded = send(post("/clusters/{id}/reconcile", SEEDED, body));
        APIGatewayProxyResponseEvent hostile = send(post("/clusters/{id}/reconcile", id, body));

        // The body means nothing to a reconcile, but one over 64 KiB is refused before any route.
        boolean huge = body.getBytes(StandardCharsets.UTF_8).length > 64 * 1024;
        assertWellBehaved("POST", seeded);
        assertThat(seeded.getStatusCode()).as(seeded.getBody()).isEqualTo(huge ? 413 : 202);
        assertThat(parse(seeded.getBody()).path("queued").asBoolean()).isEqualTo(!huge);
        assertWellBehaved("POST", hostile);
        assertThat(hostile.getStatusCode()).isEqualTo(huge ? 413 : 404);
    }

    @Property(tries = 200)
    void everyClusterRoute_shouldAnswer404_forAHostileId(@ForAll("hostileIds") String id, @ForAll("clusterRoutes") String route) {
        String[] methodAndResource = route.split(" ");
        APIGatewayProxyRequestEvent event = event(methodAndResource[0], methodAndResource[1],
                methodAndResource[1].replace("{id}", id), methodAndResource[0].equals("POST") ? VALID_SCALE : null)
                .withPathParameters(Map.of("id", id));

        APIGatewayProxyResponseEvent answer = send(event);

        assertWellBehaved(methodAndResource[0], answer);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(404);
    }

    @Property(tries = 200)
    void events_shouldTakeOnlyACursor(@ForAll("queryValues") String after) {
        APIGatewayProxyResponseEvent answer = send(event("GET", "/clusters/{id}/events", "/clusters/" + SEEDED + "/events", null)
                .withPathParameters(Map.of("id", SEEDED)).withQueryStringParameters(Map.of("after", after)));

        assertWellBehaved("GET", answer);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isIn(200, 400);
        if (answer.getStatusCode() == 400) {
            assertThat(parse(answer.getBody()).path("violations").findValuesAsText("field")).containsExactly("after");
        }
    }

    @Property(tries = 200)
    void regions_shouldNameNearOrClouds_whenRefused(@ForAll("queryValues") String near, @ForAll("cloudLists") String clouds) {
        APIGatewayProxyResponseEvent answer = send(event("GET", "/regions", "/regions", null)
                .withQueryStringParameters(Map.of("near", near, "clouds", clouds)));

        assertWellBehaved("GET", answer);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isIn(200, 400);
        if (answer.getStatusCode() == 400) {
            assertThat(parse(answer.getBody()).path("violations").findValuesAsText("field")).containsAnyOf("near", "clouds");
        }
    }

    /** What the transport can carry: any content type, a body said to be base64 that is not, any Idempotency-Key. */
    @Property(tries = 200)
    void anyEnvelope_shouldNeverFail(@ForAll("specBodies") String body, @ForAll("contentTypes") String contentType,
                                     @ForAll boolean base64, @ForAll boolean encoded, @ForAll("idempotencyKeys") String key) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", "Bearer " + TOKEN);
        headers.put("Content-Type", contentType);
        if (!key.isEmpty()) {
            headers.put("Idempotency-Key", key);
        }
        String sent = base64 && encoded ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;

        createWithNameTaken(body, post("/clusters", null, sent).withHeaders(headers).withIsBase64Encoded(base64));
    }

    /**
     * Parallel duplicates: the same create under one key, sent at once, is answered once. Every answer is
     * the first one again, or 409 with Retry-After while it is still being worked on; nothing is started.
     */
    @Property(tries = 10)
    void parallelDuplicates_shouldGetOneAnswer(@ForAll("specBodies") String body, @ForAll("parallelism") int copies)
            throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", "Bearer " + TOKEN);
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", key);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<APIGatewayProxyResponseEvent> answers = createWithNameTaken(body, () -> {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<APIGatewayProxyResponseEvent>> sent = new ArrayList<>();
                for (int i = 0; i < copies; i++) {
                    sent.add(pool.submit(() -> {
                        go.await();
                        return send(post("/clusters", null, body).withHeaders(headers));
                    }));
                }
                go.countDown();
                List<APIGatewayProxyResponseEvent> all = new ArrayList<>();
                for (Future<APIGatewayProxyResponseEvent> answer : sent) {
                    all.add(answer.get(30, TimeUnit.SECONDS));
                }
                return all;
            });
            List<APIGatewayProxyResponseEvent> settledAnswers = answers.stream()
                    .filter(a -> !a.getHeaders().containsKey("Retry-After")).toList();
            assertThat(settledAnswers).isNotEmpty();
            assertThat(settledAnswers.stream().map(a -> a.getStatusCode() + " " + a.getBody()).distinct()).hasSize(1);
            answers.stream().filter(a -> a.getHeaders().containsKey("Retry-After"))
                    .forEach(a -> assertThat(a.getStatusCode()).isEqualTo(409));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Query variants: dryRun is {@code true} or {@code false} and nothing else; a key remembers the query it came with. */
    @Property(tries = 100)
    void queryVariants_shouldBeReadExactly_andBePartOfTheRequest(@ForAll("dryRunValues") String dryRun) {
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", "Bearer " + TOKEN);
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", key);
        String body = VALID_SPEC.replace("probe", SEEDED);

        APIGatewayProxyResponseEvent first = send(post("/clusters", null, body).withHeaders(headers)
                .withQueryStringParameters(Map.of("dryRun", dryRun)));
        APIGatewayProxyResponseEvent other = send(post("/clusters", null, body).withHeaders(headers)
                .withQueryStringParameters(Map.of("dryRun", dryRun + "x")));

        assertWellBehaved("POST", first);
        if (dryRun.equals("true") || dryRun.equals("false")) {
            assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(409);
        } else {
            assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(400);
            assertThat(parse(first.getBody()).path("violations").findValuesAsText("field")).containsExactly("dryRun");
        }
        assertWellBehaved("POST", other);
        assertThat(other.getStatusCode()).as(other.getBody()).isEqualTo(422);
    }

    /**
     * Other tenants' names: team B's answer about team A's cluster is word for word its answer about a
     * cluster nobody has, so no route tells B that the name is in use.
     */
    @Property(tries = 50)
    void otherTenantsClusters_shouldBeIndistinguishableFromNone(@ForAll("clusterRoutes") String route,
                                                                 @ForAll("anyBodies") String body) {
        String[] methodAndResource = route.split(" ");
        String nobody = "nobody-" + SEEDED.length();
        List<String> answers = new ArrayList<>();
        for (String id : List.of(SEEDED, nobody)) {
            APIGatewayProxyRequestEvent event = Clusters.apiEvent(OTHER_TENANT, methodAndResource[0], methodAndResource[1],
                    methodAndResource[1].replace("{id}", id), methodAndResource[0].equals("POST") ? body : null)
                    .withPathParameters(Map.of("id", id));
            APIGatewayProxyResponseEvent answer = send(event);
            assertWellBehaved(methodAndResource[0], answer);
            answers.add(answer.getStatusCode() + " " + answer.getBody().replace(id, "ID"));
        }
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
    }

    /**
     * Other tenants' names are not taken: team B's dry run of a spec named like team A's cluster is word
     * for word its dry run of a name nobody has (while team A's own is refused), so a create never tells B
     * that A uses a name.
     */
    @Property(tries = 20)
    void otherTenantsNames_shouldBeFreeForADryRun(@ForAll("clouds") String cloud) {
        String spec = VALID_SPEC.replace("\"aws\"", "\"" + cloud + "\"").replace("regions\": {\"" + cloud + "\": \"us-east-1\"}",
                "near\": \"us-east\"");
        String nobody = "nobody-" + SEEDED.length();
        List<String> answers = new ArrayList<>();
        for (String name : List.of(SEEDED, nobody)) {
            APIGatewayProxyRequestEvent dryRun = Clusters.apiEvent(OTHER_TENANT, "POST", "/clusters", "/clusters",
                    spec.replace("probe", name)).withQueryStringParameters(Map.of("dryRun", "true"));
            APIGatewayProxyResponseEvent answer = send(dryRun);
            assertWellBehaved("POST", answer);
            answers.add(answer.getStatusCode() + " " + answer.getBody().replace(name, "NAME"));
        }
        assertThat(answers.get(0)).startsWith("200 ").isEqualTo(answers.get(1));
        APIGatewayProxyResponseEvent own = send(post("/clusters", null, spec.replace("probe", SEEDED))
                .withQueryStringParameters(Map.of("dryRun", "true")));
        assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(409);
    }

    @Provide
    Arbitrary<String> clouds() {
        return Arbitraries.of("aws", "gcp", "azure");
    }

    /** Path encodings over HTTP: each id sent raw, encoded once and twice; decoded exactly once, never a 5xx or a dropped connection. */
    @Property(tries = 60)
    void pathEncodings_shouldBeDecodedOnce(@ForAll("hostileIds") String id) throws Exception {
        String once = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        String twice = URLEncoder.encode(once, StandardCharsets.UTF_8);
        for (String encoded : List.of(once, twice)) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.api() + "/clusters/" + encoded))
                    .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("/clusters/%s: %s", encoded, answer.body()).isIn(400, 404);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            String detail = parse(answer.body()).path("detail").asText();
            if (detail.startsWith("no cluster ")) {
                // A lone surrogate has no UTF-8 form: the encoder sends '?' for it, as any client would.
                String sent = new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                assertThat(detail).isEqualTo("no cluster " + (encoded.equals(once) ? sent : once));
            }
        }
    }

    @Example
    void overHttp_hostileRequestsShouldBeProblemsToo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String[][] requests = {
            {"POST", "/clusters", VALID_SPEC.substring(0, 40)},
            {"POST", "/clusters?dryRun=true", "{\"name\": \"" + "\u202e".repeat(10) + "x\"}"},
            {"POST", "/clusters", "{\"padding\": \"" + "\u0000".repeat(70_000) + "\"}"},
            {"POST", "/clusters/" + URLEncoder.encode("../../etc/passwd", StandardCharsets.UTF_8) + "/workers", VALID_SCALE},
            {"POST", "/clusters/" + SEEDED + "/workers", "{\"cloud\": \"aws\", \"workers\": 1e400}"},
            {"GET", "/clusters/" + URLEncoder.encode("fuzzed\u0000", StandardCharsets.UTF_8), null},
            {"GET", "/clusters/" + SEEDED + "/events?after=" + URLEncoder.encode("1; DROP", StandardCharsets.UTF_8), null},
            {"GET", "/regions?near=" + URLEncoder.encode("91,181", StandardCharsets.UTF_8) + "&clouds=,,,", null},
        };
        for (String[] request : requests) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(runtime.api() + request[1]))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .method(request[0], request[2] == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(request[2]));

            HttpResponse<String> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("%s %s: %s", request[0], request[1], answer.body()).isBetween(400, 499);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertProblem(answer.statusCode(), answer.body());
        }
        assertThat(tables()).isEqualTo(settled);
    }

    // ---- generators

    @Provide
    Arbitrary<String> specBodies() {
        return bodies(VALID_SPEC, SPEC_FIELDS, Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.just(VALID_SPEC)));
    }

    @Provide
    Arbitrary<String> scaleBodies() {
        return bodies(VALID_SCALE, SCALE_FIELDS, Arbitraries.integers().between(-3, 60)
                .map(n -> "{\"cloud\": \"aws\", \"workers\": " + n + "}"));
    }

    /** Bodies made from a valid one (one field changed, cut short, followed by junk, padded), random JSON, and {@code more}. */
    private static Arbitrary<String> bodies(String valid, List<String> fields, Arbitrary<String> more) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, mutated(valid, fields)),
                Tuple.of(2, jsonValues(3).map(JsonNode::toString)),
                Tuple.of(2, truncated(valid)),
                Tuple.of(1, trailing(valid)),
                Tuple.of(1, huge(valid)),
                Tuple.of(2, more));
    }

    @Provide
    Arbitrary<Integer> parallelism() {
        return Arbitraries.integers().between(2, 12);
    }

    @Provide
    Arbitrary<String> dryRunValues() {
        return Arbitraries.oneOf(Arbitraries.of("true", "false", "1", "0", "yes", "no", "on", "off", "TRUE", "True", "",
                " true", "true ", "t"), hostileText());
    }

    @Provide
    Arbitrary<String> anyBodies() {
        return Arbitraries.oneOf(specBodies(), scaleBodies(), Arbitraries.just(""));
    }

    @Provide
    Arbitrary<String> hostileIds() {
        return hostileText().filter(id -> !id.equals(SEEDED));
    }

    @Provide
    Arbitrary<String> clusterRoutes() {
        return Arbitraries.of("GET /clusters/{id}", "GET /clusters/{id}/events", "POST /clusters/{id}/workers",
                "POST /clusters/{id}/reconcile", "DELETE /clusters/{id}");
    }

    @Provide
    Arbitrary<String> queryValues() {
        return Arbitraries.oneOf(hostileText(), Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("us-east", "tokyo", "frankfurt", "40.7,-74.0", "91,0", "0,181", "1e3,1e3", "-0,-0", "+5", "0x10"));
    }

    @Provide
    Arbitrary<String> cloudLists() {
        return Arbitraries.oneOf(hostileText(), Arbitraries.of("aws", "gcp", "azure", " aws ", "AWS", "ibm", "")
                .list().ofMaxSize(4).map(list -> String.join(",", list)), Arbitraries.of(",", ",,,", "aws,,gcp", "aws,"));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain",
                "application/x-www-form-urlencoded", "", "application/json\u0000", "multipart/form-data; boundary=x");
    }

    @Provide
    Arbitrary<String> idempotencyKeys() {
        return Arbitraries.oneOf(Arbitraries.just(""), hostileText(), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40));
    }

    private static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.strings().withChars("az-09./\\%\u0000\u200b\u202e").ofMinLength(1).ofMaxLength(45));
    }

    /** The valid body with one field set to any JSON value (a value that is not JSON, or removed, now and then). */
    private static Arbitrary<String> mutated(String valid, List<String> fields) {
        Arbitrary<Optional<JsonNode>> value = Arbitraries.frequencyOf(
                Tuple.of(8, jsonValues(2).map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.empty())));
        return Combinators.combine(Arbitraries.of(fields), value).as((field, replacement) -> {
            ObjectNode body = (ObjectNode) parse(valid);
            int slash = field.lastIndexOf('/');
            JsonNode parent = body.at(field.substring(0, slash));
            String key = field.substring(slash + 1);
            if (parent instanceof ObjectNode object) {
                replacement.ifPresentOrElse(v -> object.set(key, v), () -> object.remove(key));
            } else if (parent instanceof ArrayNode array) {
                replacement.ifPresentOrElse(v -> array.set(Integer.parseInt(key), v), () -> array.remove(Integer.parseInt(key)));
            }
            return body.toString();
        });
    }

    private static Arbitrary<String> truncated(String valid) {
        return Arbitraries.integers().between(0, valid.length() - 1).map(end -> valid.substring(0, end));
    }

    private static Arbitrary<String> trailing(String valid) {
        return Arbitraries.of(" }", "]", " garbage", "{}", ",", "\u0000", " // comment").map(suffix -> valid + suffix);
    }

    /** Bodies around the 64 KiB limit: a padding field, or a deep nest of arrays. */
    private static Arbitrary<String> huge(String valid) {
        Arbitrary<String> padded = Arbitraries.integers().between(60_000, 140_000)
                .map(size -> valid.substring(0, valid.length() - 1) + ", \"padding\": \"" + "x".repeat(size) + "\"}");
        Arbitrary<String> deep = Arbitraries.integers().between(900, 30_000)
                .map(depth -> "{\"name\": " + "[".repeat(depth) + "]".repeat(depth) + "}");
        return Arbitraries.oneOf(padded, deep);
    }

    /** Any JSON value, nested up to {@code depth}: every type, edge numbers, hostile strings. */
    private static Arbitrary<JsonNode> jsonValues(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                hostileText().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.integers().between(-2, 12).map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(1.0, 1.5, -0.0, 1e308, 4.9e-324).map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = jsonValues(depth - 1).list().ofMaxSize(4).map(values -> {
            ArrayNode node = NODES.arrayNode();
            values.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.oneOf(hostileText(), Arbitraries.of("aws", "gcp", "azure",
                "count", "size", "name")), jsonValues(depth - 1)).ofMaxSize(4).map(fields -> {
                    ObjectNode node = NODES.objectNode();
                    fields.forEach(node::set);
                    return node;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, array),
                Tuple.of(1, object));
    }

    // ---- checks

    /** The spec's name when the planner takes it (as a JSON object: the API reads nothing else). */
    private static Optional<String> validSpec(String body) {
        try {
            if (!strict(body).isObject()) {
                return Optional.empty();
            }
            return Optional.of(PLANNER.plan(SpecReader.parseJson(body)).cluster());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The store is scanned after every refused change; reads, which write nothing, only after their property. */
    private static void assertWellBehaved(String method, APIGatewayProxyResponseEvent answer) {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isLessThan(500);
        if (answer.getStatusCode() >= 400) {
            assertThat(answer.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertProblem(answer.getStatusCode(), answer.getBody());
        }
        if (answer.getStatusCode() >= 300 && !method.equals("GET")) {
            assertThat(tables()).as("the store after a %d", answer.getStatusCode()).isEqualTo(settled);
        }
    }

    private static void assertProblem(int status, String body) {
        JsonNode problem = parse(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("urn:overcast:problem:");
        assertThat(problem.path("detail").asText()).isNotBlank();
        problem.path("violations").forEach(violation -> {
            assertThat(violation.path("field").isTextual()).as(body).isTrue();
            assertThat(violation.path("rule").asText()).as(body).isNotBlank();
        });
    }

    /** Every item of the scanned tables, by table. */
    private static Map<String, String> tables() {
        Map<String, String> items = new HashMap<>();
        for (String table : scanned) {
            items.put(table, runtime.world().dynamoDb().scanPaginator(r -> r.tableName(table)).items().stream()
                    .map(Object::toString).sorted().toList().toString());
        }
        return items;
    }

    /** An exception out of the bean is what API Gateway answers with a 502: it fails here as one. */
    private static APIGatewayProxyResponseEvent send(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent answer;
        try {
            answer = runtime.consoleApi().apply(event);
        } catch (RuntimeException e) {
            throw new AssertionError("the bean threw (API Gateway would answer 502) on " + event.getHttpMethod() + " "
                    + event.getPath() + " " + abbreviated(event.getBody()), e);
        }
        assertDocumented(event.getHttpMethod(), event.getResource(), answer.getStatusCode());
        return answer;
    }

    /** Undocumented status codes: every status an operation answers is one openapi.yaml lists for it. */
    private static void assertDocumented(String method, String resource, int status) {
        JsonNode responses = CONTRACT.path("paths").path(resource).path(method.toLowerCase(Locale.ROOT)).path("responses");
        assertThat(responses.has(Integer.toString(status))).as("%s %s answered %d, which openapi.yaml does not list (%s)",
                method, resource, status, responses).isTrue();
    }

    private static String abbreviated(String body) {
        return body == null || body.length() < 300 ? body : body.substring(0, 300) + "…";
    }

    /** @param id the path's {id}, or null for a resource without one */
    private static APIGatewayProxyRequestEvent post(String resource, String id, String body) {
        APIGatewayProxyRequestEvent event = event("POST", resource, id == null ? resource : resource.replace("{id}", id), body);
        return id == null ? event : event.withPathParameters(Map.of("id", id));
    }

    private static APIGatewayProxyRequestEvent event(String method, String resource, String path, String body) {
        return Clusters.apiEvent(TENANT, method, resource, path, body);
    }

    /** RFC 8259 JSON: one value and nothing after it (Jackson's readTree ignores what follows the first value). */
    private static JsonNode strict(String text) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode readContract() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(REPOSITORY.resolve("functions/api/openapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
