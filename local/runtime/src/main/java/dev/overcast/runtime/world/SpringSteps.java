package dev.overcast.runtime.world;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.overcast.asl.task.FunctionError;
import dev.overcast.functions.Step;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The function beans of a Spring context as the interpreter's Lambda Tasks see them: JSON in, JSON
 * out, and a thrown exception reported as Lambda's Java runtime reports it (error type = the
 * exception's class name), which is what the machines' Retry and Catch rules name.
 */
final class SpringSteps {
    /** Like Spring Boot's default mapper: unknown fields (an EventBridge event's extras) are ignored. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private final GenericApplicationContext context;

    SpringSteps(GenericApplicationContext context) {
        this.context = context;
    }

    Optional<Function<JsonNode, JsonNode>> find(String bean) {
        if (!context.containsBean(bean)) {
            return Optional.empty();
        }
        Step<?, ?> step = (Step<?, ?>) context.getBean(bean, FunctionRegistration.class).getTarget();
        return Optional.of(input -> invoke(step, input));
    }

    private static <I, O> JsonNode invoke(Step<I, O> step, JsonNode input) {
        try {
            I request = JSON.treeToValue(input, step.input());
            return JSON.valueToTree(step.apply(request));
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FunctionError(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }
}
