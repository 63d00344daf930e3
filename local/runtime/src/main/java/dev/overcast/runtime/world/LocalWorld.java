package dev.overcast.runtime.world;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.StateMachine;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.sam.SamDeployment;
import dev.overcast.asl.sam.SamTemplate;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.LatencyModel;
import dev.overcast.asl.quota.ServiceQuotas;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Release;
import dev.overcast.dynamodb.local.LocalDynamoDb;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.clouds.kubernetes.KubernetesClusterProbe;
import dev.overcast.functions.check.ProbedCluster;
import dev.overcast.store.Store;
import dev.overcast.store.TableDefinition;
import dev.overcast.store.TableSchemas;
import dev.overcast.store.Tables;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Overcast on one machine: DynamoDB Local with the store's tables, cloudsim with its fronts, the real
 * adapters pointed at them, the function beans in a Spring context, and the interpreter running the
 * repository's {@code statemachines/} through {@code template.yaml}. One virtual clock drives all of
 * it: the interpreter's clock is the base of cloudsim's and the store's, so a Wait state moves the
 * clouds' build timelines and the leases' expiry alike, at no real cost.
 */
public final class LocalWorld implements AutoCloseable {
    public static final String AWS_ACCOUNT = LocalClouds.AWS_ACCOUNT;
    public static final String GCP_PROJECT = LocalClouds.GCP_PROJECT;
    public static final String AZURE_TENANT = LocalClouds.AZURE_TENANT;
    public static final String AZURE_SUBSCRIPTION = LocalClouds.AZURE_SUBSCRIPTION;
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String STAGE_PREFIX = "overcast-dev-";
    /** Held so the level set on it survives: the JDK's logging forgets levels of loggers nobody references. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final VirtualClock clock;
    private final LocalDynamoDb dynamoDb;
    private final CloudSim cloudSim;
    private final LocalClouds clouds;
    private final Store store;
    private final GenericApplicationContext spring;
    private final SamDeployment deployment;
    private final SpringSteps steps;
    private final DerivedSecrets secrets;
    /** With realistic latency: every tenant in accounts of its own (a service's tenants bring their own). */
    private final java.util.List<TenantAccounts> tenantAccounts;
    /** What the flows plan with: this release, until a test installs another as an upgrade would. */
    private final java.util.concurrent.atomic.AtomicReference<Release> release = new java.util.concurrent.atomic.AtomicReference<>(Release.current());

    private LocalWorld(Path repository, UnaryOperator<CloudSimConfig> cloudSimConfig, boolean sdkRetries) {
        this(repository, cloudSimConfig, sdkRetries, false);
    }

    private LocalWorld(Path repository, UnaryOperator<CloudSimConfig> cloudSimConfig, boolean sdkRetries,
                       boolean realisticLatency) {
        this.clock = new VirtualClock(EPOCH);
        this.dynamoDb = LocalDynamoDb.start();
        Tables tables = new Tables("local-" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamoDb.client());
        keepTtlSweeperOff(tables);
        this.store = Store.create(dynamoDb.client(), tables, clock);
        this.cloudSim = CloudSim.start(cloudSimConfig.apply(CloudSimConfig.defaults().withClock(clock)));
        if (realisticLatency) {
            cloudSim.world().useLatency(LatencyModel.realistic(this::passTimeForCaller));
        }
        this.secrets = DerivedSecrets.random();
        this.clouds = new LocalClouds(cloudSim, secrets, sdkRetries);
        // Nodes and round trips from each cluster's Kubernetes API in cloudsim, as the bootstrap serves them.
        ProbedCluster probed = new ProbedCluster(id -> KubernetesClusterProbe.at(cloudSim.kubernetes().endpoint(id).toString()));
        this.spring = new GenericApplicationContext();
        this.tenantAccounts = realisticLatency
                ? java.util.Arrays.stream(dev.overcast.core.Cloud.values())
                        .map(cloud -> new TenantAccounts(cloud, cloudSim, secrets, sdkRetries, store)).toList()
                : java.util.List.of();
        CloudAdapters adapters = realisticLatency ? CloudAdapters.of(List.<dev.overcast.core.cloud.CloudAdapter>copyOf(tenantAccounts))
                : CloudAdapters.of(clouds.aws(), clouds.gcp(), clouds.azure());
        OvercastFunctions.register(spring, new OvercastFunctions.Wiring(store, new Planner(release::get), adapters, probed, probed, clock));
        spring.refresh();
        this.steps = new SpringSteps(spring);
        this.deployment = SamDeployment.deploy(SamTemplate.load(repository.resolve("template.yaml")), steps::find,
                dynamoDb.client(), clock, realisticLatency ? ServiceQuotas.realistic() : ServiceQuotas.defaults());
    }

    /**
     * Spends a cloud call's latency on the virtual clock. It runs on the cloud front's thread while the
     * caller, a participant of the clock (a Lambda Task), is blocked on the call: the front's thread
     * sleeps in the caller's stead, so the clock counts the caller as waiting, as it would for a Wait.
     */
    private void passTimeForCaller(Duration latency) {
        try {
            clock.sleepUntil(clock.instant().plus(latency));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * DynamoDB Local sweeps expired items within seconds by the wall clock, but the world's items
     * expire by the virtual clock, which starts at {@link #EPOCH}: with the sweeper on, progress events
     * and idempotency answers written "in 2026-01-01" vanish at once. The store checks expiry itself.
     */
    private void keepTtlSweeperOff(Tables tables) {
        for (TableDefinition<?> table : TableSchemas.ALL) {
            table.ttlAttribute().ifPresent(attribute -> dynamoDb.client().updateTimeToLive(r -> r.tableName(tables.name(table))
                    .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(false))));
        }
    }

    /** Starts the world over the repository holding {@code template.yaml} and {@code statemachines/}. */
    public static LocalWorld start(Path repository) {
        return new LocalWorld(repository, UnaryOperator.identity(), true);
    }

    /**
     * As {@link #start(Path)}, for commands whose output is the point: System.out is muted while the
     * world starts (DynamoDB Local prints its configuration there) and the Kubernetes API simulation's
     * per-request logging is turned down.
     */
    public static LocalWorld startQuietly(Path repository) {
        muteKubernetesRequestLog();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return start(repository);
        } finally {
            System.setOut(stdout);
        }
    }

    /** Turns the Kubernetes API simulation's per-request log line down to warnings (one line per probe). */
    public static void muteKubernetesRequestLog() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    /** As {@link #start(Path)}, with cloudsim configured further (durations, faults off, …). */
    public static LocalWorld start(Path repository, UnaryOperator<CloudSimConfig> cloudSimConfig) {
        return new LocalWorld(repository, cloudSimConfig, true);
    }

    /**
     * As {@link #start(Path)}, with the SDKs making one attempt per call: every cloud fault reaches
     * Overcast's own retries, which wait on the virtual clock, where the SDKs' back-off sleeps in real time.
     * cloudsim's request buckets are off too: they refill in real time, which flows on the virtual clock
     * outrun without a real-time back-off; throttling then comes from injected faults only.
     */
    public static LocalWorld startWithoutSdkRetries(Path repository) {
        return new LocalWorld(repository, config -> config.withThrottling(false), false);
    }

    /**
     * As {@link #startWithoutSdkRetries(Path)}, with the cost of time ({@code --latency realistic}): every
     * cloud call takes its typical latency and each account's request buckets refill on the virtual clock
     * ({@link LatencyModel}); every state transition and Lambda invocation takes its overhead and the
     * interpreter enforces Step Functions' and Lambda's rate and concurrency quotas ({@link ServiceQuotas}).
     * Each tenant works in cloud accounts of its own ({@link TenantAccounts}), so it meets its own accounts'
     * rate limits and quotas.
     * The SDKs make one attempt, so a throttled call reaches the flows' own retries, which wait on the
     * virtual clock while the buckets refill.
     */
    public static LocalWorld startWithLatency(Path repository) {
        return new LocalWorld(repository, UnaryOperator.identity(), false, true);
    }

    /**
     * Makes the flows plan with another release's catalogs, renderer and default version from now on, as
     * deploying a new release of Overcast would under clusters that exist.
     */
    public void upgradeTo(Release next) {
        release.set(next);
    }

    /** Runs a flow ({@code create-cluster}, {@code destroy-cluster}, …) to its end on the virtual clock. */
    public ExecutionResult run(String flow, JsonNode input) {
        String name = STAGE_PREFIX + flow;
        StateMachine machine = deployment.machine(name)
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no state machine " + name));
        return deployment.interpreter().execute(machine, name, input);
    }

    /** Starts a flow and returns at once, for flows that must overlap. */
    public java.util.concurrent.CompletableFuture<ExecutionResult> start(String flow, JsonNode input) {
        String name = STAGE_PREFIX + flow;
        StateMachine machine = deployment.machine(name)
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no state machine " + name));
        return deployment.interpreter().start(machine, name, name + "-" + UUID.randomUUID(), input).result();
    }

    /** The names of the function beans, as {@code SPRING_CLOUD_FUNCTION_DEFINITION} names them. */
    public java.util.SortedSet<String> functions() {
        return new java.util.TreeSet<>(java.util.List.of(spring.getBeanNamesForType(org.springframework.cloud.function.context.FunctionRegistration.class)));
    }

    /** A function bean by its name, as a Lambda Task would call it (JSON in, JSON out). */
    public java.util.Optional<java.util.function.Function<JsonNode, JsonNode>> function(String bean) {
        return steps.find(bean);
    }

    public VirtualClock clock() {
        return clock;
    }

    public Store store() {
        return store;
    }

    public CloudSim cloudSim() {
        return cloudSim;
    }

    /** The template's machines on the interpreter, for the local Step Functions endpoint. */
    public SamDeployment deployment() {
        return deployment;
    }

    /** The state machine ARN of a flow ({@code create-cluster} → {@code …:stateMachine:overcast-dev-create-cluster}). */
    public static String machineArn(String flow) {
        return dev.overcast.asl.Interpreter.machineArn(STAGE_PREFIX + flow);
    }

    public java.net.URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** The cloud accounts a tenant's clusters live in: its own with realistic latency, else the world's. */
    public LocalClouds.Accounts accountsOf(String tenant) {
        return tenantAccounts.isEmpty() ? LocalClouds.Accounts.LOCAL : LocalClouds.Accounts.ofTenant(tenant);
    }

    /** The secret store the adapters resolve tunnel keys from. */
    public DerivedSecrets secrets() {
        return secrets;
    }

    /** DynamoDB Local's client, to look at every table as it is. */
    public software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb() {
        return dynamoDb.client();
    }

    /**
     * An EC2 client in the local AWS account that is not Overcast's: a person at the console, or a
     * call Overcast made but never heard back from. The caller closes it.
     */
    public Ec2Client ec2ByHand(String region) {
        return Ec2Client.builder().endpointOverride(cloudSim.awsEndpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AWS_ACCOUNT, "by-hand")))
                .build();
    }

    /** The adapters on cloudsim's fronts (and their preflight). */
    public LocalClouds clouds() {
        return clouds;
    }

    @Override
    public void close() {
        spring.close();
        tenantAccounts.forEach(accounts -> {
            try {
                accounts.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the tenants' adapters", e);
            }
        });
        clouds.close();
        try {
            cloudSim.close();
        } finally {
            dynamoDb.close();
        }
    }
}
