package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Choice: the first matching rule picks the next state, else Default, else States.NoChoiceMatched. */
final class ChoiceState extends State {
    private static final Set<String> FIELDS = Set.of("Choices", "Default", "InputPath", "OutputPath", "Assign",
            "Output");
    private final List<Branch> choices = new ArrayList<>();
    private final String defaultState;

    /** One entry of Choices: a JSONPath rule or a JSONata Condition, and what to do when it matches. */
    private record Branch(ChoiceRule rule, JsonataTemplate condition, String next, PayloadTemplate assign,
                          JsonataTemplate jsonataAssign, JsonataTemplate output) {
    }

    ChoiceState(String name, Fields fields, boolean jsonata) {
        super(name, fields, jsonata, FIELDS, true);
        defaultState = fields.string("Default");
        JsonNode list = fields.raw("Choices");
        if (list == null || !list.isArray() || list.isEmpty()) {
            fields.error("'Choices' must be a non-empty array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            choices.add(branch(list.get(i), new Fields(list.get(i), fields.where() + ".Choices[" + i + "]",
                    fields.errors())));
        }
    }

    private Branch branch(JsonNode node, Fields fields) {
        String target = fields.requiredString("Next");
        if (jsonata) {
            fields.onlyAllowed(Set.of("Condition", "Next", "Assign", "Output", "Comment"), Set.of());
            JsonNode condition = fields.raw("Condition");
            if (condition == null || !condition.isBoolean() && !JsonataTemplate.isExpression(condition)) {
                fields.error("'Condition' must be a boolean or a JSONata expression");
            }
            return new Branch(null, condition == null ? null
                    : JsonataTemplate.compile(condition, "Condition", fields.where(), fields.errors()), target, null,
                    fields.has("Assign") ? JsonataTemplate.compile(fields.raw("Assign"), "Assign", fields.where(),
                            fields.errors()) : null,
                    fields.has("Output") ? JsonataTemplate.compile(fields.raw("Output"), "Output", fields.where(),
                            fields.errors()) : null);
        }
        ChoiceRule rule = ChoiceRule.parse(node, fields.where(), fields.errors(), Set.of("Next", "Assign"));
        return new Branch(rule, null, target, fields.has("Assign")
                ? PayloadTemplate.compile(fields.raw("Assign"), fields.where() + ".Assign", fields.errors()) : null,
                null, null);
    }

    @Override
    List<String> targets() {
        List<String> targets = new ArrayList<>();
        choices.forEach(c -> targets.add(c.next()));
        if (defaultState != null) {
            targets.add(defaultState);
        }
        return targets;
    }

    @Override
    Transition run(Step step, JsonNode input) {
        if (jsonata) {
            ObjectNode states = step.states(input);
            for (Branch branch : choices) {
                JsonNode verdict = branch.condition().evaluate(states, step.variables());
                if (!verdict.isBoolean()) {
                    throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                            + branch.condition().expressionText() + "' specified for the field 'Condition' returned "
                            + "an unexpected result type. Expected 'boolean', but was '" + Json.typeName(verdict)
                            + "' for value: " + Json.write(verdict));
                }
                if (verdict.booleanValue()) {
                    return jsonataChoice(step, states, input, branch.next(), branch.jsonataAssign(), branch.output());
                }
            }
            return jsonataChoice(step, states, input, defaultOrFail(), jsonataAssign, output);
        }
        JsonNode effective = inputPath == null ? Json.object() : JsonPaths.read(inputPath, input, step.stateContext());
        String target = null;
        PayloadTemplate chosenAssign = assign;
        for (Branch branch : choices) {
            if (branch.rule().matches(effective, step.stateContext())) {
                target = branch.next();
                chosenAssign = branch.assign();
                break;
            }
        }
        if (target == null) {
            target = defaultOrFail();
        }
        Map<String, JsonNode> assigned = chosenAssign == null ? Map.of()
                : fieldsOf(chosenAssign.evaluate(effective, step.stateContext()));
        JsonNode out = outputPath == null ? Json.object() : JsonPaths.read(outputPath, effective, step.stateContext());
        step.variables().assign(assigned);
        return new Transition(target, out);
    }

    private Transition jsonataChoice(Step step, ObjectNode states, JsonNode input, String target,
                                     JsonataTemplate assignment, JsonataTemplate out) {
        Map<String, JsonNode> assigned = assignment == null ? Map.of()
                : fieldsOf(assignment.evaluate(states, step.variables()));
        JsonNode result = out == null ? input : out.evaluate(states, step.variables());
        step.variables().assign(assigned);
        return new Transition(target, result);
    }

    private String defaultOrFail() {
        if (defaultState == null) {
            throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
        }
        return defaultState;
    }
}
