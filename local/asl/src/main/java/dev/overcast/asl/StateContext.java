package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** What an expression inside a state can see besides the state input: the context object and variables. */
public record StateContext(JsonNode contextObject, Variables variables) {
}
