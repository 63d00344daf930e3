package dev.overcast.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.Interpreter;

/** One Task invocation: the resource, its effective parameters, and the interpreter running it (for child executions). */
public record TaskCall(String resource, JsonNode parameters, Interpreter interpreter) {
}
