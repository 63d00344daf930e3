package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Pass: passes its input (or {@code Result}, or the Parameters output) to its output. */
final class PassState extends State {
    private static final Set<String> FIELDS = Set.of("InputPath", "OutputPath", "Parameters", "Result",
            "ResultPath", "Assign", "Output");
    private final JsonNode result;

    PassState(String name, Fields fields, boolean jsonata) {
        super(name, fields, jsonata, FIELDS, false);
        this.result = jsonata ? null : fields.raw("Result");
    }

    @Override
    Transition run(Step step, JsonNode input) {
        if (jsonata) {
            return to(finishJsonata(step, input, input, false));
        }
        JsonNode effective = effectiveInput(step, input);
        return to(finish(step, input, result != null ? result : effective));
    }
}
