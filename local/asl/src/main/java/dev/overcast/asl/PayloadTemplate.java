package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign): keys ending in
 * {@code .$}, in objects at any depth (also inside arrays), take the value of a path or intrinsic
 * function; all else is copied. Compiled
 * once when the definition is parsed, so running a state does no parsing.
 */
public final class PayloadTemplate {
    private final JsonNode constant;
    private final List<Field> fields;
    private final List<PayloadTemplate> items;

    private sealed interface Value permits PathValue, CallValue, NestedValue, ConstantValue {
    }

    private record PathValue(String path) implements Value {
    }

    private record CallValue(Intrinsic call) implements Value {
    }

    private record NestedValue(PayloadTemplate template) implements Value {
    }

    private record ConstantValue(JsonNode value) implements Value {
    }

    private record Field(String name, Value value) {
    }

    private PayloadTemplate(JsonNode constant, List<Field> fields, List<PayloadTemplate> items) {
        this.constant = constant;
        this.fields = fields;
        this.items = items;
    }

    /** Compiles a template; problems are added to {@code errors} with {@code where} naming the field. */
    public static PayloadTemplate compile(JsonNode template, String where, List<String> errors) {
        if (!hasDynamicKey(template)) {
            return new PayloadTemplate(template, null, null);
        }
        if (template.isArray()) {
            List<PayloadTemplate> items = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                items.add(compile(template.get(i), where + "[" + i + "]", errors));
            }
            return new PayloadTemplate(null, null, List.copyOf(items));
        }
        List<Field> fields = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = template.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.endsWith(".$")) {
                String name = key.substring(0, key.length() - 2);
                fields.add(new Field(name, dynamic(value, where + "." + key, errors)));
            } else if (value.isContainerNode()) {
                fields.add(new Field(key, new NestedValue(compile(value, where + "." + key, errors))));
            } else {
                fields.add(new Field(key, new ConstantValue(value)));
            }
        }
        return new PayloadTemplate(null, List.copyOf(fields), null);
    }

    static Value dynamic(JsonNode value, String where, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(where + ": the value of a field ending in '.$' must be a path or intrinsic function string");
            return new ConstantValue(value);
        }
        String text = value.textValue();
        if (Intrinsic.looksLikeCall(text)) {
            try {
                return new CallValue(Intrinsic.parse(text));
            } catch (IllegalArgumentException e) {
                errors.add(where + ": invalid intrinsic function '" + text + "': " + e.getMessage());
                return new ConstantValue(value);
            }
        }
        if (!JsonPaths.isPath(text)) {
            errors.add(where + ": '" + text + "' is neither a path (starting with '$') nor an intrinsic function");
            return new ConstantValue(value);
        }
        String problem = JsonPaths.syntaxError(text);
        if (problem != null) {
            errors.add(where + ": invalid path '" + text + "': " + problem);
        }
        return new PathValue(text);
    }

    private static boolean hasDynamicKey(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (entry.getKey().endsWith(".$") || hasDynamicKey(entry.getValue())) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasDynamicKey(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    public JsonNode evaluate(JsonNode input, StateContext context) {
        if (constant != null) {
            return constant;
        }
        if (items != null) {
            ArrayNode out = Json.NODES.arrayNode();
            items.forEach(item -> out.add(item.evaluate(input, context)));
            return out;
        }
        ObjectNode out = Json.object();
        for (Field field : fields) {
            out.set(field.name(), value(field, input, context));
        }
        return out;
    }

    private static JsonNode value(Field field, JsonNode input, StateContext context) {
        Value value = field.value();
        if (value instanceof ConstantValue constant) {
            return constant.value();
        }
        if (value instanceof NestedValue nested) {
            return nested.template().evaluate(input, context);
        }
        if (value instanceof CallValue call) {
            return IntrinsicFunctions.evaluate(call.call(), input, context);
        }
        String path = ((PathValue) value).path();
        try {
            return JsonPaths.read(path, input, context);
        } catch (StatesError e) {
            if (!ErrorNames.RUNTIME.equals(e.error())) {
                throw e;
            }
            throw StatesError.runtime("The JsonPath argument for the field '" + field.name() + ".$' could not be "
                    + "found in the input '" + Json.write(path.startsWith("$$") ? context.contextObject() : input)
                    + "'");
        }
    }

    /** Evaluates one {@code .$} value on its own (Fail's ErrorPath/CausePath, ItemsPath with intrinsics). */
    public static JsonNode evaluateExpression(String expression, JsonNode input, StateContext context) {
        if (Intrinsic.looksLikeCall(expression)) {
            return IntrinsicFunctions.evaluate(Intrinsic.parse(expression), input, context);
        }
        return JsonPaths.read(expression, input, context);
    }
}
