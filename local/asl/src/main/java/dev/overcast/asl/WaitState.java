package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Wait: sleeps on the execution's clock for a number of seconds or until a timestamp. */
final class WaitState extends State {
    private static final Set<String> FIELDS = Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath",
            "InputPath", "OutputPath", "Assign", "Output");
    private final JsonNode seconds;
    private final String secondsPath;
    private final JsonNode timestamp;
    private final String timestampPath;
    private final JsonataTemplate secondsExpression;
    private final JsonataTemplate timestampExpression;

    WaitState(String name, Fields fields, boolean jsonata) {
        super(name, fields, jsonata, FIELDS, false);
        long given = FIELDS.stream().filter(f -> f.startsWith("Seconds") || f.startsWith("Timestamp"))
                .filter(fields::has).count();
        if (given != 1) {
            fields.error("exactly one of 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath' is required");
        }
        secondsPath = jsonata ? null : fields.optionalPath("SecondsPath");
        timestampPath = jsonata ? null : fields.optionalPath("TimestampPath");
        secondsExpression = jsonata && JsonataTemplate.isExpression(fields.raw("Seconds"))
                ? JsonataTemplate.compile(fields.raw("Seconds"), "Seconds", fields.where(), fields.errors()) : null;
        timestampExpression = jsonata && JsonataTemplate.isExpression(fields.raw("Timestamp"))
                ? JsonataTemplate.compile(fields.raw("Timestamp"), "Timestamp", fields.where(), fields.errors()) : null;
        seconds = secondsExpression == null ? fields.raw("Seconds") : null;
        timestamp = timestampExpression == null ? fields.raw("Timestamp") : null;
        if (seconds != null && (!seconds.isIntegralNumber() || seconds.longValue() < 0)) {
            fields.error("'Seconds' must be a non-negative integer");
        }
        if (timestamp != null && (!timestamp.isTextual() || parse(timestamp.textValue()) == null)) {
            fields.error("'Timestamp' must be an ISO-8601 extended offset date-time string");
        }
    }

    @Override
    Transition run(Step step, JsonNode input) {
        JsonNode effective = jsonata ? input
                : inputPath == null ? Json.object() : JsonPaths.read(inputPath, input, step.stateContext());
        Instant until = deadline(step, effective);
        step.execution().sleepUntil(until);
        if (jsonata) {
            return to(finishJsonata(step, input, input, false));
        }
        Map<String, JsonNode> assigned = assignments(step, effective);
        JsonNode out = outputPath == null ? Json.object() : JsonPaths.read(outputPath, effective, step.stateContext());
        step.variables().assign(assigned);
        return to(out);
    }

    private Instant deadline(Step step, JsonNode input) {
        Instant now = step.execution().now();
        if (seconds != null) {
            return now.plusSeconds(seconds.longValue());
        }
        if (timestamp != null) {
            return parse(timestamp.textValue()).toInstant();
        }
        if (secondsPath != null) {
            JsonNode value = JsonPaths.read(secondsPath, input, step.stateContext());
            if (!value.isIntegralNumber()) {
                throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: "
                        + secondsPath + " == " + Json.write(value));
            }
            if (value.longValue() < 0) {
                throw StatesError.runtime("The SecondsPath parameter references a negative value: "
                        + secondsPath + " == " + value.longValue());
            }
            return now.plusSeconds(value.longValue());
        }
        if (timestampPath != null) {
            JsonNode value = JsonPaths.read(timestampPath, input, step.stateContext());
            OffsetDateTime parsed = value.isTextual() ? parse(value.textValue()) : null;
            if (parsed == null) {
                throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 "
                        + "extended offset date-time format string: " + timestampPath + " == "
                        + (value.isTextual() ? value.textValue() : Json.write(value)));
            }
            return parsed.toInstant();
        }
        if (secondsExpression != null) {
            JsonNode value = secondsExpression.evaluate(step.states(input), step.variables());
            if (!value.isIntegralNumber() || value.longValue() < 0) {
                throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The Seconds field must be a "
                        + "non-negative integer, but was: " + Json.write(value));
            }
            return now.plusSeconds(value.longValue());
        }
        JsonNode value = timestampExpression.evaluate(step.states(input), step.variables());
        OffsetDateTime parsed = value.isTextual() ? parse(value.textValue()) : null;
        if (parsed == null) {
            throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The Timestamp field cannot be parsed as an "
                    + "ISO-8601 extended offset date-time format string: "
                    + (value.isTextual() ? value.textValue() : Json.write(value)));
        }
        return parsed.toInstant();
    }

    private static OffsetDateTime parse(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
