package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Fail: ends the execution (or its branch) with an error and cause, literal, from paths or from JSONata. */
final class FailState extends State {
    private static final Set<String> FIELDS = Set.of("Error", "ErrorPath", "Cause", "CausePath");
    private final Part error;
    private final Part cause;

    /** One of Error/Cause: a literal, a path or intrinsic (JSONPath), or a JSONata template. */
    private record Part(String literal, String expression, JsonataTemplate template) {
        String value(Step step, JsonNode input, String field) {
            if (template != null) {
                return text(template.evaluate(step.states(input), step.variables()));
            }
            if (expression != null) {
                JsonNode value;
                try {
                    value = PayloadTemplate.evaluateExpression(expression, input, step.stateContext());
                } catch (StatesError e) {
                    if (!ErrorNames.RUNTIME.equals(e.error())) {
                        throw e;
                    }
                    throw StatesError.runtime("The " + field + "Path field refers to a value that could not be "
                            + "found: " + expression + " in input " + Json.write(input));
                }
                return text(value);
            }
            return literal;
        }

        private static String text(JsonNode value) {
            return value.isTextual() ? value.textValue() : Json.write(value);
        }
    }

    FailState(String name, Fields fields, boolean jsonata) {
        super(name, fields, jsonata, FIELDS, true);
        this.error = part(fields, "Error", jsonata);
        this.cause = part(fields, "Cause", jsonata);
    }

    private static Part part(Fields fields, String field, boolean jsonata) {
        if (fields.has(field) && fields.has(field + "Path")) {
            fields.error("'" + field + "' and '" + field + "Path' are mutually exclusive");
        }
        if (fields.has(field + "Path")) {
            String expression = fields.string(field + "Path");
            if (expression != null) {
                PayloadTemplate.dynamic(fields.raw(field + "Path"), fields.where() + "." + field + "Path", fields.errors());
            }
            return new Part(null, expression, null);
        }
        if (jsonata && JsonataTemplate.isExpression(fields.raw(field))) {
            return new Part(null, null, JsonataTemplate.compile(fields.raw(field), field, fields.where(),
                    fields.errors()));
        }
        return new Part(fields.string(field), null, null);
    }

    @Override
    Transition run(Step step, JsonNode input) {
        throw new StatesError(error.value(step, input, "Error"), cause.value(step, input, "Cause"));
    }
}
