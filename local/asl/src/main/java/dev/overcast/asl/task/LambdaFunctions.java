package dev.overcast.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;

/**
 * The functions that Lambda Tasks may call, by name or ARN. A function signals failure by throwing
 * {@link FunctionError}.
 */
public interface LambdaFunctions {

    /** The function behind a name, a full ARN or a qualified ARN, if known. */
    Optional<Function<JsonNode, JsonNode>> find(String nameOrArn);
}
