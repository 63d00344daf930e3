package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Succeed: ends its scope successfully. */
final class SucceedState extends State {
    private static final Set<String> FIELDS = Set.of("InputPath", "OutputPath", "Output");

    SucceedState(String name, Fields fields, boolean jsonata) {
        super(name, fields, jsonata, FIELDS, true);
    }

    @Override
    Transition run(Step step, JsonNode input) {
        if (jsonata) {
            return to(finishJsonata(step, input, input, false));
        }
        JsonNode selected = inputPath == null ? Json.object() : JsonPaths.read(inputPath, input, step.stateContext());
        return to(outputPath == null ? Json.object() : JsonPaths.read(outputPath, selected, step.stateContext()));
    }
}
