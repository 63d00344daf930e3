package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every state type shares: its transition, the data-flow fields of its query language (JSONPath:
 * InputPath → Parameters → result → ResultSelector → ResultPath → OutputPath; JSONata: Arguments →
 * result → Output), Assign, and for the types that have them Retry and Catch.
 */
abstract class State {
    static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultPath",
            "ResultSelector", "ItemsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
            "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "Result", "Iterator");
    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");
    /** Fields AWS defines that need services this interpreter does not emulate; refused, never ignored. */
    static final Set<String> UNSUPPORTED = Set.of("ItemReader", "ResultWriter", "Credentials");

    final String name;
    final String type;
    final boolean jsonata;
    final String next;
    final boolean end;
    final String inputPath;
    final String outputPath;
    final ResultPath resultPath;
    final PayloadTemplate parameters;
    final PayloadTemplate resultSelector;
    final PayloadTemplate assign;
    final JsonataTemplate jsonataAssign;
    final JsonataTemplate output;
    final JsonataTemplate arguments;
    final List<Retrier> retriers = new ArrayList<>();
    final List<Catcher> catchers = new ArrayList<>();

    State(String name, Fields fields, boolean jsonata, Set<String> typeFields, boolean terminal) {
        this.name = name;
        this.type = fields.string("Type");
        this.jsonata = jsonata;
        Set<String> allowed = new HashSet<>(typeFields);
        allowed.addAll(Set.of("Type", "Comment", "QueryLanguage"));
        if (!terminal) {
            allowed.addAll(Set.of("Next", "End"));
        }
        allowed.removeAll(jsonata ? JSONPATH_ONLY : JSONATA_ONLY);
        Set<String> reported = new HashSet<>(allowed);
        for (String field : jsonata ? JSONPATH_ONLY : JSONATA_ONLY) {
            if (fields.has(field) && typeFields.contains(field)) {
                fields.error("'" + field + "' is not allowed when the query language is "
                        + (jsonata ? "JSONata" : "JSONPath"));
                reported.add(field);
            }
        }
        fields.onlyAllowed(reported, UNSUPPORTED);
        if (terminal) {
            next = null;
            end = true;
        } else {
            next = fields.string("Next");
            end = fields.bool("End");
            if (next == null && !end) {
                fields.error("a state must have 'Next' or 'End: true'");
            } else if (next != null && end) {
                fields.error("a state must not have both 'Next' and 'End'");
            }
        }
        inputPath = allowed.contains("InputPath") ? fields.path("InputPath") : "$";
        outputPath = allowed.contains("OutputPath") ? fields.path("OutputPath") : "$";
        resultPath = allowed.contains("ResultPath") ? resultPath(fields) : ResultPath.parse("$");
        parameters = template(fields, "Parameters", allowed);
        resultSelector = template(fields, "ResultSelector", allowed);
        assign = !jsonata ? template(fields, "Assign", allowed) : null;
        jsonataAssign = jsonata ? jsonata(fields, "Assign", allowed) : null;
        output = jsonata(fields, "Output", allowed);
        arguments = jsonata(fields, "Arguments", allowed);
        if (allowed.contains("Retry")) {
            retriers.addAll(entries(fields, "Retry", Retrier::parse, Retrier::errorEquals));
        }
        if (allowed.contains("Catch")) {
            catchers.addAll(entries(fields, "Catch", f -> Catcher.parse(f, jsonata), Catcher::errorEquals));
        }
    }

    private static ResultPath resultPath(Fields fields) {
        String path = fields.path("ResultPath");
        if (path == null) {
            return null;
        }
        try {
            return ResultPath.parse(path);
        } catch (IllegalArgumentException e) {
            fields.error("'ResultPath' is not a reference path: " + e.getMessage());
            return ResultPath.parse("$");
        }
    }

    private static PayloadTemplate template(Fields fields, String field, Set<String> allowed) {
        if (!allowed.contains(field) || !fields.has(field)) {
            return null;
        }
        return PayloadTemplate.compile(fields.raw(field), fields.where() + "." + field, fields.errors());
    }

    private static JsonataTemplate jsonata(Fields fields, String field, Set<String> allowed) {
        if (!allowed.contains(field) || !fields.has(field)) {
            return null;
        }
        return JsonataTemplate.compile(fields.raw(field), field, fields.where(), fields.errors());
    }

    /** Parses the entries of Retry or Catch; States.ALL may only be in the last one. */
    private static <T> List<T> entries(Fields fields, String field, Function<Fields, T> parse,
                                       Function<T, List<String>> errorEquals) {
        JsonNode list = fields.raw(field);
        List<T> entries = new ArrayList<>();
        if (list == null) {
            return entries;
        }
        if (!list.isArray()) {
            fields.error("'" + field + "' must be an array");
            return entries;
        }
        for (int i = 0; i < list.size(); i++) {
            entries.add(parse.apply(new Fields(list.get(i), fields.where() + "." + field + "[" + i + "]",
                    fields.errors())));
        }
        ErrorMatchers.allIsLast(entries.stream().map(errorEquals).toList(), fields.where() + "." + field,
                fields.errors());
        return entries;
    }

    /** The states this one may transition to (Next, Catch targets, Choice targets). */
    List<String> targets() {
        List<String> targets = new ArrayList<>();
        if (next != null) {
            targets.add(next);
        }
        catchers.forEach(c -> targets.add(c.next()));
        return targets;
    }

    /** Runs the state once it was entered; returns the transition or throws its error. */
    abstract Transition run(Step step, JsonNode input);

    Transition to(JsonNode output) {
        return new Transition(end ? null : next, output);
    }

    // ---- JSONPath data flow

    JsonNode effectiveInput(Step step, JsonNode input) {
        JsonNode selected = inputPath == null ? Json.object() : JsonPaths.read(inputPath, input, step.stateContext());
        return parameters == null ? selected : parameters.evaluate(selected, step.stateContext());
    }

    /** ResultSelector, Assign, ResultPath and OutputPath applied to a result (JSONPath). */
    JsonNode finish(Step step, JsonNode input, JsonNode result) {
        JsonNode selected = resultSelector == null ? result : resultSelector.evaluate(result, step.stateContext());
        step.execution().checkSize(name, selected);
        Map<String, JsonNode> assigned = assignments(step, selected);
        JsonNode placed = resultPath == null ? input : resultPath.apply(input, selected);
        JsonNode out = outputPath == null ? Json.object() : JsonPaths.read(outputPath, placed, step.stateContext());
        step.variables().assign(assigned);
        return out;
    }

    /** Assign is evaluated with the state's result; the variables change only after the state's output is known. */
    Map<String, JsonNode> assignments(Step step, JsonNode result) {
        return assign == null ? Map.of() : fieldsOf(assign.evaluate(result, step.stateContext()));
    }

    // ---- JSONata data flow

    JsonNode jsonataArguments(Step step, JsonNode input) {
        return arguments == null ? input : arguments.evaluate(step.states(input), step.variables());
    }

    /** Assign and Output evaluated against the same $states (new variables are not visible to Output). */
    JsonNode finishJsonata(Step step, JsonNode input, JsonNode result, boolean hasResult) {
        ObjectNode states = step.states(input);
        if (hasResult) {
            states.set("result", result);
        }
        Map<String, JsonNode> assigned = jsonataAssign == null ? Map.of()
                : fieldsOf(jsonataAssign.evaluate(states, step.variables()));
        JsonNode out = output == null ? result : output.evaluate(states, step.variables());
        step.variables().assign(assigned);
        step.execution().checkSize(name, out);
        return out;
    }

    static Map<String, JsonNode> fieldsOf(JsonNode object) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }

    // ---- errors

    /** Runs {@code body} under this state's retriers and catchers. */
    Transition guarded(Step step, JsonNode input, Supplier<Transition> body) {
        int[] attempts = new int[retriers.size()];
        int retries = 0;
        while (true) {
            StatesError error;
            beforeAttempt(step, retries++);
            try {
                return body.get();
            } catch (StatesError raised) {
                error = raised.inState(name, step.enteredEventId());
            }
            String errorName = error.error() == null ? "" : error.error();
            int retrier = firstMatch(retriers.stream().map(Retrier::errorEquals).toList(), errorName);
            if (retrier >= 0 && attempts[retrier] < retriers.get(retrier).maxAttempts()) {
                step.execution().sleep(retriers.get(retrier).delay(attempts[retrier]++));
                continue;
            }
            int catcher = firstMatch(catchers.stream().map(Catcher::errorEquals).toList(), errorName);
            if (catcher < 0) {
                throw error;
            }
            return caught(step, input, catchers.get(catcher), error);
        }
    }

    /** Called before each attempt of a guarded state; {@code retries} counts the attempts before it. */
    void beforeAttempt(Step step, int retries) {
        // Only Task states show their retry count in the context object.
    }

    private static int firstMatch(List<List<String>> lists, String error) {
        for (int i = 0; i < lists.size(); i++) {
            if (ErrorMatchers.matches(lists.get(i), error)) {
                return i;
            }
        }
        return -1;
    }

    private Transition caught(Step step, JsonNode input, Catcher catcher, StatesError error) {
        ObjectNode errorOutput = Json.object();
        errorOutput.put("Error", error.error());
        if (error.cause() != null) {
            errorOutput.put("Cause", error.cause());
        }
        if (jsonata) {
            ObjectNode states = step.states(input);
            states.set("errorOutput", errorOutput);
            Map<String, JsonNode> assigned = catcher.jsonataAssign() == null ? Map.of()
                    : fieldsOf(catcher.jsonataAssign().evaluate(states, step.variables()));
            JsonNode out = catcher.output() == null ? errorOutput : catcher.output().evaluate(states, step.variables());
            step.variables().assign(assigned);
            return new Transition(catcher.next(), out);
        }
        if (catcher.assign() != null) {
            step.variables().assign(fieldsOf(catcher.assign().evaluate(errorOutput, step.stateContext())));
        }
        JsonNode out = catcher.resultPath() == null ? input : catcher.resultPath().apply(input, errorOutput);
        return new Transition(catcher.next(), out);
    }
}
