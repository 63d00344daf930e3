package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a state puts its result in its input. Written by hand because Jayway cannot create missing
 * intermediate objects, which ResultPath requires; a ResultPath is a reference path (names and
 * indexes only), so the grammar is small.
 */
public final class ResultPath {
    private final String text;
    private final List<Object> segments;

    private ResultPath(String text, List<Object> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Parses a reference path such as {@code $.a.b['c'][0]}. */
    public static ResultPath parse(String text) {
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a reference path must start with '$'");
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.contains("*") || name.contains("@")) {
                    throw new IllegalArgumentException("'" + name + "' is not a field name of a reference path");
                }
                segments.add(name);
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '['");
                }
                String inside = text.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d+")) {
                    segments.add(Integer.parseInt(inside));
                } else {
                    throw new IllegalArgumentException("'[" + inside + "]' is not allowed in a reference path");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + i);
            }
        }
        return new ResultPath(text, List.copyOf(segments));
    }

    /** Places {@code result} into a copy of {@code input}, creating missing objects on the way. */
    public JsonNode apply(JsonNode input, JsonNode result) {
        if (segments.isEmpty()) {
            return result;
        }
        JsonNode root = input.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment instanceof String name) {
                if (!(node instanceof ObjectNode object)) {
                    throw mismatch(input);
                }
                if (last) {
                    object.set(name, result);
                } else {
                    JsonNode next = object.get(name);
                    if (next == null || next.isNull()) {
                        next = object.putObject(name);
                    }
                    node = next;
                }
            } else {
                int index = (Integer) segment;
                if (!(node instanceof ArrayNode array) || index >= array.size()) {
                    throw mismatch(input);
                }
                if (last) {
                    array.set(index, result);
                } else {
                    node = array.get(index);
                }
            }
        }
        return root;
    }

    private StatesError mismatch(JsonNode input) {
        return StatesError.located(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath " + text + " to input " + Json.write(input));
    }
}
