package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.clock.ExecutionClock;
import dev.overcast.asl.quota.ServiceQuotas;
import dev.overcast.asl.task.FunctionError;
import dev.overcast.asl.task.LambdaInvoke;
import dev.overcast.asl.task.TaskResources;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Test fixtures: an interpreter whose Lambda functions are plain Java functions. */
final class Machines {
    private Machines() {
    }

    static Interpreter interpreter(ExecutionClock clock, Map<String, Function<JsonNode, JsonNode>> functions) {
        return interpreter(clock, functions, ServiceQuotas.defaults());
    }

    static Interpreter interpreter(ExecutionClock clock, Map<String, Function<JsonNode, JsonNode>> functions,
                                   ServiceQuotas quotas) {
        return new Interpreter(TaskResources.none().with(new LambdaInvoke(name -> Optional.ofNullable(
                functions.get(name.substring(name.lastIndexOf(':') + 1))))), clock, quotas);
    }

    static ExecutionResult run(Interpreter interpreter, String definition, String input) {
        return interpreter.execute(interpreter.parse(Json.parse(definition)), "test", Json.parse(input));
    }

    static Function<JsonNode, JsonNode> failing(String type, String message) {
        return event -> {
            throw new FunctionError(type, message);
        };
    }
}
