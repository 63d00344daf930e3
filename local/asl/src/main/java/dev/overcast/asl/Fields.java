package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** Reads one JSON object of a definition, reporting every problem with the place it occurred. */
final class Fields {
    private final JsonNode node;
    private final String where;
    private final List<String> errors;

    Fields(JsonNode node, String where, List<String> errors) {
        this.node = node;
        this.where = where;
        this.errors = errors;
    }

    String where() {
        return where;
    }

    List<String> errors() {
        return errors;
    }

    void error(String message) {
        errors.add(where + ": " + message);
    }

    boolean has(String field) {
        return node.has(field);
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    /** Rejects any field not in {@code allowed}, and the ones AWS knows but this interpreter does not run. */
    void onlyAllowed(Set<String> allowed, Set<String> unsupported) {
        node.fieldNames().forEachRemaining(name -> {
            if (unsupported.contains(name)) {
                error("field '" + name + "' is not supported by the local interpreter");
            } else if (!allowed.contains(name)) {
                error("unknown field '" + name + "'");
            }
        });
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error("'" + field + "' must be a string");
            return null;
        }
        return value.textValue();
    }

    String requiredString(String field) {
        if (!node.has(field)) {
            error("'" + field + "' is required");
            return null;
        }
        return string(field);
    }

    Integer integer(String field, int min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min) {
            error("'" + field + "' must be an integer >= " + min);
            return null;
        }
        return value.intValue();
    }

    Double number(String field, double min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < min) {
            error("'" + field + "' must be a number >= " + min);
            return null;
        }
        return value.doubleValue();
    }

    boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isBoolean()) {
            error("'" + field + "' must be a boolean");
            return false;
        }
        return value != null && value.booleanValue();
    }

    /** A JSONPath field that may be null (meaning: discard); absent means {@code $}. */
    String path(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return "$";
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !JsonPaths.isPath(value.textValue())) {
            error("'" + field + "' must be a path starting with '$' or null");
            return "$";
        }
        String problem = JsonPaths.syntaxError(value.textValue());
        if (problem != null) {
            error("'" + field + "' is not a valid path: " + problem);
        }
        return value.textValue();
    }

    /** A *Path field that must be a path (no null), or null when absent. */
    String optionalPath(String field) {
        if (!node.has(field)) {
            return null;
        }
        String path = path(field);
        if (path == null) {
            error("'" + field + "' must not be null");
        }
        return path;
    }
}
