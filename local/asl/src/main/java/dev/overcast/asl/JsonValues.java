package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Value equality as AWS applies it: numbers compare by value, so 1 equals 1.0. */
final class JsonValues {
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        return a.equals(NUMERIC, b);
    }
}
