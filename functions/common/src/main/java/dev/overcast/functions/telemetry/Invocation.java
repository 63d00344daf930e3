package dev.overcast.functions.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.overcast.core.telemetry.CloudCalls;
import dev.overcast.functions.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A step as every invoker calls it (Spring Cloud Function's handler on Lambda, the local world's
 * interpreter): the correlation keys go into the MDC once, before the step runs, so every line the
 * invocation logs carries them, as Powertools' logging does; the cloud calls it made and its failure,
 * if any, go out as metrics; the MDC is cleared after. Keys the input does not carry are {@value #NONE}.
 */
public final class Invocation<I, O> extends Step<I, O> {
    public static final String EXECUTION_ID = "executionId";
    public static final String CLUSTER_ID = "clusterId";
    public static final String TENANT = "tenant";
    public static final String CLOUD = "cloud";
    public static final String STEP = "step";
    public static final String COLD_START = "coldStart";
    public static final List<String> KEYS = List.of(EXECUTION_ID, CLUSTER_ID, TENANT, CLOUD, STEP, COLD_START);
    static final String NONE = "-";

    private static final Logger LOG = LoggerFactory.getLogger("overcast.steps");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where each key is found in a step's input, first match wins. The flows pass the lease (whose
     * owner is the execution that took it: {@code $$.Execution.Id}) to nearly every step; the console
     * API's proxy events carry the tenant as the Cognito claim.
     */
    private static final Map<String, List<String>> SOURCES = Map.of(
            EXECUTION_ID, List.of("/executionId", "/lease/owner", "/owner"),
            CLUSTER_ID, List.of("/clusterId", "/lease/clusterId"),
            TENANT, List.of("/tenant", "/requestContext/authorizer/claims/custom:tenant"),
            CLOUD, List.of("/cloud"));

    private final String name;
    private final Step<I, O> step;
    private final Function<String, Optional<String>> tenantOf;
    /**
     * True until this function's first invocation starts. A Lambda container registers its application's
     * functions once and runs one of them, so this is the container's cold start; the local world, one
     * application for every function, sees each function's first invocation as cold, as separate
     * containers would.
     */
    private final AtomicBoolean cold = new AtomicBoolean(true);

    public Invocation(String name, Step<I, O> step) {
        this(name, step, clusterId -> Optional.empty());
    }

    /**
     * @param tenantOf the tenant of a cluster id, for the steps whose input names the cluster but not its
     *                 tenant (all but the create's first); read once per cluster and container, since a
     *                 cluster never changes tenant
     */
    public Invocation(String name, Step<I, O> step, Function<String, Optional<String>> tenantOf) {
        super(step.input(), step.output());
        this.name = name;
        this.step = step;
        Map<String, String> known = new ConcurrentHashMap<>();
        this.tenantOf = clusterId -> Optional.ofNullable(known.computeIfAbsent(clusterId, id -> tenantOf.apply(id).orElse(null)));
    }

    @Override
    public O apply(I input) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        correlate(input);
        long start = System.nanoTime();
        try {
            O output = step.apply(input);
            LOG.info("{} done in {} ms", name, (System.nanoTime() - start) / 1_000_000);
            return output;
        } catch (RuntimeException e) {
            LOG.warn("{} failed in {} ms: {}: {}", name, (System.nanoTime() - start) / 1_000_000,
                    e.getClass().getSimpleName(), e.getMessage());
            EmbeddedMetrics.put("StepFailures", EmbeddedMetrics.Unit.COUNT, 1, Map.of(STEP, name));
            throw e;
        } finally {
            EmbeddedMetrics.cloudCalls(CloudCalls.drain());
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private void correlate(I input) {
        JsonNode fields = fields(input);
        SOURCES.forEach((key, pointers) -> MDC.put(key, pointers.stream().map(fields::at)
                .filter(JsonNode::isTextual).map(JsonNode::asText).findFirst().orElse(NONE)));
        String clusterId = MDC.get(CLUSTER_ID);
        if (NONE.equals(MDC.get(TENANT)) && !NONE.equals(clusterId)) {
            MDC.put(TENANT, tenant(clusterId));
        }
        MDC.put(STEP, name);
        MDC.put(COLD_START, String.valueOf(cold.getAndSet(false)));
    }

    /** The cluster's tenant; a failed lookup correlates to none rather than failing the step it only labels. */
    private String tenant(String clusterId) {
        try {
            return tenantOf.apply(clusterId).orElse(NONE);
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    /** The input as JSON; an input Jackson cannot read (or none) correlates to nothing rather than failing the step. */
    private static JsonNode fields(Object input) {
        try {
            return input == null ? MissingNode.getInstance() : JSON.valueToTree(input);
        } catch (IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }
}
