package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A parsed and validated state machine (or a Parallel branch / Map item processor inside one). Parsing
 * finds every problem AWS would reject at creation time and reports them all at once.
 */
public final class StateMachine {
    private static final Set<String> TOP_FIELDS = Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds",
            "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment", "QueryLanguage");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "QueryLanguage",
            "ProcessorConfig");
    private static final int MAX_STATE_NAME = 80;

    private final String startAt;
    private final Map<String, State> states;
    private Integer timeoutSeconds;

    private StateMachine(String startAt, Map<String, State> states) {
        this.startAt = startAt;
        this.states = states;
    }

    /** Parses a definition; {@code knownResource} says which Task resources can run here. */
    public static StateMachine parse(JsonNode definition, Predicate<String> knownResource) {
        List<String> errors = new ArrayList<>();
        Parser parser = new Parser(knownResource, errors);
        if (definition == null || !definition.isObject()) {
            throw new InvalidDefinitionException(List.of("the definition must be a JSON object"));
        }
        Fields fields = new Fields(definition, "$", errors);
        fields.onlyAllowed(TOP_FIELDS, Set.of());
        String version = fields.string("Version");
        if (version != null && !version.equals("1.0")) {
            fields.error("'Version' must be \"1.0\"");
        }
        String language = fields.string("QueryLanguage");
        if (language != null && !language.equals("JSONPath") && !language.equals("JSONata")) {
            fields.error("'QueryLanguage' must be JSONPath or JSONata");
        }
        StateMachine machine = parser.machine(fields, "JSONata".equals(language));
        machine.timeoutSeconds = fields.integer("TimeoutSeconds", 1);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return machine;
    }

    String startAt() {
        return startAt;
    }

    State state(String name) {
        return states.get(name);
    }

    /** The execution time limit (top-level TimeoutSeconds), or null for AWS's one year. */
    Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Builds state machines and their nested machines, collecting errors. */
    static final class Parser {
        private final Predicate<String> knownResource;
        private final List<String> errors;

        Parser(Predicate<String> knownResource, List<String> errors) {
            this.knownResource = knownResource;
            this.errors = errors;
        }

        StateMachine nested(JsonNode node, String where, boolean jsonata) {
            Fields fields = new Fields(node, where, errors);
            fields.onlyAllowed(BRANCH_FIELDS, Set.of());
            return machine(fields, language(fields, jsonata));
        }

        StateMachine processor(JsonNode node, String where, boolean jsonata) {
            Fields fields = new Fields(node, where, errors);
            fields.onlyAllowed(PROCESSOR_FIELDS, Set.of());
            JsonNode config = fields.raw("ProcessorConfig");
            if (config != null) {
                Fields configFields = new Fields(config, where + ".ProcessorConfig", errors);
                configFields.onlyAllowed(Set.of("Mode", "ExecutionType"), Set.of());
                String mode = configFields.string("Mode");
                if (mode != null && !mode.equals("INLINE") && !mode.equals("DISTRIBUTED")) {
                    configFields.error("'Mode' must be INLINE or DISTRIBUTED");
                }
                String type = configFields.string("ExecutionType");
                if (type != null && !type.equals("STANDARD") && !type.equals("EXPRESS")) {
                    configFields.error("'ExecutionType' must be STANDARD or EXPRESS");
                }
            }
            return machine(fields, language(fields, jsonata));
        }

        private boolean language(Fields fields, boolean inherited) {
            String language = fields.string("QueryLanguage");
            if (language == null) {
                return inherited;
            }
            if (inherited && language.equals("JSONPath")) {
                fields.error("'QueryLanguage' cannot be JSONPath inside a JSONata state machine");
            }
            return language.equals("JSONata");
        }

        StateMachine machine(Fields fields, boolean jsonata) {
            String startAt = fields.requiredString("StartAt");
            JsonNode statesNode = fields.raw("States");
            Map<String, State> states = new LinkedHashMap<>();
            if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
                fields.error("'States' must be a non-empty object");
                return new StateMachine(startAt, states);
            }
            Iterator<Map.Entry<String, JsonNode>> entries = statesNode.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String name = entry.getKey();
                String where = fields.where() + ".States." + name;
                if (name.isEmpty() || name.length() > MAX_STATE_NAME) {
                    errors.add(where + ": a state name must have 1 to " + MAX_STATE_NAME + " characters");
                }
                State state = state(name, entry.getValue(), where, jsonata);
                if (state != null) {
                    states.put(name, state);
                }
            }
            if (startAt != null && !statesNode.has(startAt)) {
                fields.error("'StartAt' names '" + startAt + "', which is not a state");
            }
            for (State state : states.values()) {
                for (String target : state.targets()) {
                    if (!statesNode.has(target)) {
                        errors.add(fields.where() + ".States." + state.name + ": transition to '" + target
                                + "', which is not a state in this scope");
                    }
                }
            }
            reachability(startAt, states, fields);
            return new StateMachine(startAt, Map.copyOf(states));
        }

        private void reachability(String startAt, Map<String, State> states, Fields fields) {
            if (startAt == null || !states.containsKey(startAt)) {
                return;
            }
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(startAt));
            while (!todo.isEmpty()) {
                String name = todo.pop();
                State state = states.get(name);
                if (state != null && seen.add(name)) {
                    todo.addAll(state.targets());
                }
            }
            for (String name : states.keySet()) {
                if (!seen.contains(name)) {
                    errors.add(fields.where() + ".States." + name + ": the state is unreachable from '" + startAt + "'");
                }
            }
        }

        private State state(String name, JsonNode node, String where, boolean inherited) {
            if (!node.isObject()) {
                errors.add(where + ": a state must be an object");
                return null;
            }
            Fields fields = new Fields(node, where, errors);
            boolean jsonata = language(fields, inherited);
            String type = fields.requiredString("Type");
            if (type == null) {
                return null;
            }
            return switch (type) {
                case "Pass" -> new PassState(name, fields, jsonata);
                case "Task" -> {
                    TaskState task = new TaskState(name, fields, jsonata);
                    if (task.resource != null && !knownResource.test(task.resource)) {
                        fields.error("unknown Resource '" + task.resource + "': no integration handles it");
                    }
                    yield task;
                }
                case "Choice" -> new ChoiceState(name, fields, jsonata);
                case "Wait" -> new WaitState(name, fields, jsonata);
                case "Succeed" -> new SucceedState(name, fields, jsonata);
                case "Fail" -> new FailState(name, fields, jsonata);
                case "Parallel" -> new ParallelState(name, fields, jsonata, this);
                case "Map" -> new MapState(name, fields, jsonata, this);
                default -> {
                    fields.error("unknown state Type '" + type + "'");
                    yield null;
                }
            };
        }
    }
}
