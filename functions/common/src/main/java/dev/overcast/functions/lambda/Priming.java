package dev.overcast.functions.lambda;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.Store;
import dev.overcast.store.Tables;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.messaging.support.MessageBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda SnapStart's runtime hooks (org.crac; AWS Lambda developer guide, "Lambda SnapStart runtime
 * hooks"). Before the snapshot, the function runs its real path once against a {@link PrimingStub} on
 * loopback, so the snapshot holds the SDKs' marshallers, HTTP client, Jackson's serializers and Spring's
 * message conversion already loaded and linked; the first invocation after a restore then pays for
 * almost nothing but its own I/O. After a restore it renews what restored copies must not share
 * ({@link LambdaClients#renew()}). Random ids need nothing here: they come from {@code SecureRandom}
 * (UUIDs, the progress log's keys), which reads the kernel's entropy on every call, so two copies
 * restored from one snapshot never draw the same value (AWS Lambda developer guide, "Handling uniqueness
 * with Lambda SnapStart").
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** A request every step refuses before any I/O: primes the function's message conversion both ways. */
    private static final byte[] REFUSED_REQUEST = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String PRIMING = "priming";

    private final LambdaClients clients;
    private final Consumer<PrimingStub> path;
    private GenericApplicationContext application;

    /** {@code path}: the function's own work, aimed at the stub it is given. */
    public Priming(LambdaClients clients, Consumer<PrimingStub> path) {
        this.clients = clients;
        this.path = path;
    }

    /** The cloud-neutral steps' path: their store calls on the stub, and a plan (on AWS, for want of a cloud of their own). */
    public static Priming ofSteps(LambdaClients clients) {
        return new Priming(clients, stub -> storeAndPlan(clients, stub.endpoint(), Cloud.AWS, "us-east-1"));
    }

    /**
     * A converge function's path: the store calls and a plan of a cluster in {@code region}, then one
     * observe per kind there (what a round starts with) through the adapter {@code adapterOnStub} builds as
     * the function builds its own, but aimed at the stub.
     */
    public static Priming ofSteps(LambdaClients clients, String region, Function<PrimingStub, CloudAdapter> adapterOnStub) {
        return new Priming(clients, stub -> {
            CloudAdapter adapter = adapterOnStub.apply(stub);
            storeAndPlan(clients, stub.endpoint(), adapter.cloud(), region);
            for (ResourceKind kind : ResourceKind.values()) {
                ResourceClient client = adapter.client(kind);
                if (client != null) {
                    attempt("observe " + kind, () -> client.observe(PRIMING, region));
                }
            }
        });
    }

    /**
     * What every step does with the store (read a cluster, renew its lease, read its inventory, record
     * progress) on the stub, and the plan of a one-master cluster; the function's own credentials are
     * resolved once, so their provider chain is loaded too (they are renewed after the restore).
     */
    private static void storeAndPlan(LambdaClients clients, URI stub, Cloud cloud, String region) {
        attempt("resolve credentials", () -> clients.credentialsInUse().resolveCredentials());
        Store store = Store.create(clients.onStub(DynamoDbClient.builder(), stub).build(), new Tables("priming-"), Clock.systemUTC());
        Lease lease = new Lease(PRIMING, PRIMING, LeasePurpose.RECONCILE, 1, Instant.EPOCH);
        attempt("read a cluster", () -> store.clusters().find(PRIMING));
        attempt("renew a lease", () -> store.locks().renew(lease, Duration.ofMinutes(1)));
        attempt("read an inventory", () -> store.inventory().list(PRIMING));
        attempt("record progress", () -> store.progress().recordAll(List.of(new ProgressEvent(PRIMING, PRIMING, PRIMING, PRIMING, null, null))));
        String spec = "{\"name\":\"priming\",\"clouds\":[\"" + cloud.id() + "\"],\"regions\":{\"" + cloud.id() + "\":\"" + region
                + "\"},\"masters\":{\"count\":1,\"size\":\"small\"}}";
        attempt("plan a cluster", () -> Planner.standard().plan(SpecReader.parseJson(spec)));
    }

    /**
     * Registers with org.crac's global context, which holds resources weakly, and as a bean of the
     * application, which holds it for the JVM's life and lets the priming call the function as Lambda does.
     */
    public void register(GenericApplicationContext context) {
        this.application = context;
        context.registerBean("snapStartPriming", Priming.class, () -> this);
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try (PrimingStub stub = PrimingStub.start()) {
            path.accept(stub);
            LOG.info("primed against {}: {} calls answered", stub.endpoint(), stub.answered());
        }
        if (application != null && application.isActive()) {
            String definition = application.getEnvironment().getProperty("spring.cloud.function.definition");
            FunctionInvocationWrapper function = application.getBean(FunctionCatalog.class).lookup(definition, "application/json");
            if (function != null) {
                attempt("invoke " + definition, () -> function.apply(MessageBuilder.withPayload(REFUSED_REQUEST).build()));
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        clients.renew();
    }

    /** Priming must never stop a snapshot: a step that fails against the stub has still loaded its path. */
    private static void attempt(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debug("priming: {} ended with {}", what, e.toString());
        }
    }
}
