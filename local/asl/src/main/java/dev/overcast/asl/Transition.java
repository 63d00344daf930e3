package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a state sends its output: the next state, or nowhere ({@code next == null}) when it ends its scope. */
record Transition(String next, JsonNode output) {
}
