package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Map: runs the item processor once per item, up to MaxConcurrency at a time on real threads, and
 * collects the outputs in item order. A DISTRIBUTED processor (without ItemReader, which is refused)
 * produces what an inline one does, as on AWS, but each iteration (or ItemBatcher batch) is a child
 * workflow execution with its own history; the parent records only the Map Run.
 */
final class MapState extends State {
    private static final Set<String> FIELDS = Set.of("InputPath", "OutputPath", "ItemsPath", "Items", "ItemSelector",
            "Parameters", "Iterator", "ItemProcessor", "MaxConcurrency", "MaxConcurrencyPath", "ResultPath",
            "ResultSelector", "Retry", "Catch", "Assign", "Output", "ToleratedFailureCount",
            "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
            "Arguments", "ItemBatcher");
    private final String itemsPath;
    private final JsonataTemplate items;
    private final PayloadTemplate itemSelector;
    private final JsonataTemplate jsonataItemSelector;
    private final StateMachine processor;
    private final boolean distributed;
    private final Limit maxConcurrency;
    private final Limit toleratedCount;
    private final Limit toleratedPercentage;
    private final ItemBatcher batcher;

    /** A number given literally, by path (JSONPath) or by expression (JSONata). */
    private record Limit(String field, JsonNode literal, String path, JsonataTemplate expression) {
        boolean given() {
            return literal != null || path != null || expression != null;
        }

        /** The value; a string holding a number counts as that number, as on AWS. */
        JsonNode value(Step step, JsonNode input) {
            JsonNode value = literal != null ? literal
                    : path != null ? JsonPaths.read(path, input, step.stateContext())
                    : expression.evaluate(step.states(input), step.variables());
            if (value.isTextual()) {
                try {
                    BigDecimal number = new BigDecimal(value.textValue().trim());
                    return number.stripTrailingZeros().scale() <= 0
                            ? Json.NODES.numberNode(number.longValue()) : Json.NODES.numberNode(number);
                } catch (NumberFormatException e) {
                    return value;
                }
            }
            return value;
        }

        StatesError invalid(JsonNode value) {
            String shown = value.isTextual() ? value.textValue() : Json.write(value);
            String name = path != null ? field + "Path" : field;
            return StatesError.runtime("The " + name + " field refers to value \"" + shown
                    + "\" which is not a valid integer" + (path != null ? ": " + path : "."));
        }
    }

    MapState(String name, Fields fields, boolean jsonata, StateMachine.Parser parser) {
        super(name, fields, jsonata, FIELDS, false);
        itemsPath = jsonata ? null : fields.path("ItemsPath");
        items = jsonata && fields.has("Items")
                ? JsonataTemplate.compile(fields.raw("Items"), "Items", fields.where(), fields.errors()) : null;
        if (fields.has("ItemSelector") && fields.has("Parameters")) {
            fields.error("'ItemSelector' and 'Parameters' are mutually exclusive");
        }
        String selectorField = fields.has("Parameters") ? "Parameters" : "ItemSelector";
        itemSelector = !jsonata && fields.has(selectorField)
                ? PayloadTemplate.compile(fields.raw(selectorField), fields.where() + "." + selectorField, fields.errors())
                : null;
        jsonataItemSelector = jsonata && fields.has("ItemSelector")
                ? JsonataTemplate.compile(fields.raw("ItemSelector"), "ItemSelector", fields.where(), fields.errors())
                : null;
        if (fields.has("ItemProcessor") == fields.has("Iterator")) {
            fields.error("exactly one of 'ItemProcessor' and 'Iterator' is required");
        }
        String processorField = fields.has("Iterator") ? "Iterator" : "ItemProcessor";
        processor = fields.has(processorField)
                ? parser.processor(fields.raw(processorField), fields.where() + "." + processorField, jsonata) : null;
        distributed = fields.has(processorField)
                && "DISTRIBUTED".equals(fields.raw(processorField).path("ProcessorConfig").path("Mode").asText());
        maxConcurrency = limit(fields, "MaxConcurrency", jsonata);
        toleratedCount = limit(fields, "ToleratedFailureCount", jsonata);
        toleratedPercentage = limit(fields, "ToleratedFailurePercentage", jsonata);
        batcher = fields.has("ItemBatcher") ? ItemBatcher.parse(fields.raw("ItemBatcher"), fields.where() + ".ItemBatcher",
                fields.errors()) : null;
        if (batcher != null && !distributed) {
            fields.error("'ItemBatcher' is only allowed in a Map whose ProcessorConfig.Mode is DISTRIBUTED");
        }
        String label = fields.string("Label");
        if (label != null && (label.length() > 40 || !label.matches("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/]*"))) {
            fields.error("'Label' must be at most 40 characters without whitespace or special characters");
        }
    }

    private static Limit limit(Fields fields, String field, boolean jsonata) {
        if (fields.has(field) && fields.has(field + "Path")) {
            fields.error("'" + field + "' and '" + field + "Path' are mutually exclusive");
        }
        JsonNode raw = fields.raw(field);
        if (jsonata && JsonataTemplate.isExpression(raw)) {
            return new Limit(field, null, null, JsonataTemplate.compile(raw, field, fields.where(), fields.errors()));
        }
        if (raw != null && (!raw.isNumber() || raw.doubleValue() < 0)) {
            fields.error("'" + field + "' must be a non-negative number");
        }
        return new Limit(field, raw, jsonata ? null : fields.optionalPath(field + "Path"), null);
    }

    @Override
    Transition run(Step step, JsonNode input) {
        return guarded(step, input, () -> {
            JsonNode effective = jsonata ? input : inputPath == null ? Json.object()
                    : JsonPaths.read(inputPath, input, step.stateContext());
            ArrayNode selected = selectAll(step, effective, items(step, effective));
            ArrayNode list = batcher == null ? selected : batcher.batches(selected, step, effective);
            int concurrency = maxConcurrency(step, effective);
            int tolerated = tolerated(step, effective, list.size());
            Execution execution = step.execution();
            ObjectNode started = Json.object();
            started.put("length", list.size());
            execution.event("MapStateStarted", started);
            if (distributed) {
                // AWS records a Map Run in the parent's history; each child execution keeps its own.
                execution.event("MapRunStarted", Json.object());
            }
            List<Execution.Outcome> outcomes = execution.runAll(list.size(), concurrency, tolerated, index ->
                    distributed ? execution.child().runChild(processor, list.get(index), step.variables().child())
                            : iterate(execution, step, index, list.get(index)));
            ArrayNode results = Json.NODES.arrayNode();
            int failures = 0;
            StatesError first = null;
            for (Execution.Outcome outcome : outcomes) {
                if (outcome.error() != null) {
                    failures++;
                    first = first == null ? outcome.error() : first;
                    ObjectNode failed = results.addObject();
                    failed.put("Error", outcome.error().error());
                    failed.put("Cause", outcome.error().cause());
                } else {
                    results.add(outcome.output());
                }
            }
            if (distributed) {
                execution.event(failures > tolerated ? "MapRunFailed" : "MapRunSucceeded", Json.object());
            }
            if (failures > tolerated) {
                execution.event("MapStateFailed", Json.object());
                if (toleratedCount.given() || toleratedPercentage.given()) {
                    throw new StatesError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                            "The specified tolerated failure threshold was exceeded");
                }
                throw first;
            }
            execution.event("MapStateSucceeded", Json.object());
            return to(jsonata ? finishJsonata(step, input, results, true) : finish(step, input, results));
        });
    }

    private JsonNode iterate(Execution execution, Step step, int index, JsonNode item) {
        ObjectNode iteration = Json.object();
        iteration.put("name", name);
        iteration.put("index", index);
        execution.event("MapIterationStarted", iteration);
        try {
            JsonNode output = execution.runStates(processor, item, step.variables().child());
            execution.event("MapIterationSucceeded", iteration);
            return output;
        } catch (StatesError e) {
            execution.event("MapIterationFailed", iteration);
            throw e;
        } catch (Execution.Aborted e) {
            execution.event("MapIterationAborted", iteration);
            throw e;
        }
    }

    /** Each item through ItemSelector, before batching (AWS applies ItemSelector to every item, then batches). */
    private ArrayNode selectAll(Step step, JsonNode effective, ArrayNode items) {
        if (itemSelector == null && jsonataItemSelector == null) {
            return items;
        }
        ArrayNode selected = Json.NODES.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            selected.add(select(step, effective, i, items.get(i)));
        }
        return selected;
    }

    private ArrayNode items(Step step, JsonNode effective) {
        if (items != null) {
            JsonNode value = items.evaluate(step.states(effective), step.variables());
            if (!value.isArray()) {
                throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                        + items.expressionText() + "' specified for the field 'Items' returned an unexpected result "
                        + "type. Expected 'array', but was '" + Json.typeName(value) + "' for value: " + Json.write(value));
            }
            return (ArrayNode) value;
        }
        JsonNode value = jsonata || itemsPath == null ? effective : JsonPaths.read(itemsPath, effective, step.stateContext());
        if (!value.isArray()) {
            throw StatesError.located(jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
                    "Map state input must be an array but was: " + Json.typeName(value));
        }
        return (ArrayNode) value;
    }

    private JsonNode select(Step step, JsonNode effective, int index, JsonNode item) {
        if (itemSelector == null && jsonataItemSelector == null) {
            return item;
        }
        ObjectNode context = step.context().deepCopy();
        ObjectNode mapItem = context.putObject("Map").putObject("Item");
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        StateContext itemContext = new StateContext(context, step.variables());
        if (itemSelector != null) {
            return itemSelector.evaluate(effective, itemContext);
        }
        ObjectNode states = Json.object();
        states.set("input", effective);
        states.set("context", context);
        return jsonataItemSelector.evaluate(states, step.variables());
    }

    /**
     * 0 = the inline default. A Distributed Map runs at most the account's child-execution limit at once
     * (10,000 on AWS), which is also its default.
     */
    private int maxConcurrency(Step step, JsonNode input) {
        int limit = step.execution().distributedMapConcurrency();
        if (!maxConcurrency.given()) {
            return distributed ? limit : 0;
        }
        JsonNode value = maxConcurrency.value(step, input);
        if (!value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > Integer.MAX_VALUE) {
            throw maxConcurrency.invalid(value);
        }
        return distributed && (value.intValue() == 0 || value.intValue() > limit) ? limit : value.intValue();
    }

    private int tolerated(Step step, JsonNode input, int total) {
        int tolerated = toleratedCount.given() || toleratedPercentage.given() ? total : 0;
        if (toleratedCount.given()) {
            JsonNode value = toleratedCount.value(step, input);
            if (!value.isIntegralNumber()) {
                throw toleratedCount.invalid(value);
            }
            if (value.longValue() < 0) {
                throw StatesError.runtime("ToleratedFailureCount cannot be negative.");
            }
            tolerated = (int) Math.min(tolerated, value.longValue());
        }
        if (toleratedPercentage.given()) {
            JsonNode value = toleratedPercentage.value(step, input);
            if (!value.isNumber()) {
                throw toleratedPercentage.invalid(value);
            }
            if (value.doubleValue() < 0 || value.doubleValue() > 100) {
                throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.");
            }
            tolerated = Math.min(tolerated, (int) Math.floor(value.doubleValue() * total / 100.0));
        }
        return tolerated;
    }
}
