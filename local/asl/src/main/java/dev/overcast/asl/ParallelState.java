package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parallel: runs every branch on the same input, truly concurrently; the output lists their outputs in order. */
final class ParallelState extends State {
    private static final Set<String> FIELDS = Set.of("Branches", "InputPath", "OutputPath", "Parameters",
            "ResultSelector", "ResultPath", "Retry", "Catch", "Assign", "Arguments", "Output");
    final List<StateMachine> branches = new ArrayList<>();

    ParallelState(String name, Fields fields, boolean jsonata, StateMachine.Parser parser) {
        super(name, fields, jsonata, FIELDS, false);
        JsonNode list = fields.raw("Branches");
        if (list == null || !list.isArray() || list.isEmpty()) {
            fields.error("'Branches' must be a non-empty array of state machines");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            branches.add(parser.nested(list.get(i), fields.where() + ".Branches[" + i + "]", jsonata));
        }
    }

    @Override
    Transition run(Step step, JsonNode input) {
        return guarded(step, input, () -> {
            JsonNode branchInput = jsonata ? jsonataArguments(step, input) : effectiveInput(step, input);
            Execution execution = step.execution();
            execution.event("ParallelStateStarted", Json.object());
            List<Execution.Outcome> outcomes = execution.runAll(branches.size(), branches.size(), 0, index ->
                    execution.runStates(branches.get(index), branchInput, step.variables().child()));
            ArrayNode results = Json.NODES.arrayNode();
            for (Execution.Outcome outcome : outcomes) {
                if (outcome.error() != null) {
                    execution.event("ParallelStateFailed", Json.object());
                    throw outcome.error();
                }
                results.add(outcome.output());
            }
            execution.event("ParallelStateSucceeded", Json.object());
            return to(jsonata ? finishJsonata(step, input, results, true) : finish(step, input, results));
        });
    }
}
