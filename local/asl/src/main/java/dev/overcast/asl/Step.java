package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One visit of a state: the execution it belongs to, its variable scope and its context object. */
record Step(Execution execution, Variables variables, ObjectNode context, long enteredEventId) {

    StateContext stateContext() {
        return new StateContext(context, variables);
    }

    /** {@code $states} for JSONata: input, context and, once known, the result or error output. */
    ObjectNode states(JsonNode input) {
        ObjectNode states = Json.object();
        states.set("input", input);
        states.set("context", context);
        return states;
    }
}
