package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parsing and checking of ErrorEquals lists, shared by retriers and catchers. */
final class ErrorMatchers {
    private ErrorMatchers() {
    }

    static List<String> errorEquals(Fields fields) {
        JsonNode list = fields.raw("ErrorEquals");
        List<String> names = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            fields.error("'ErrorEquals' must be a non-empty array of error names");
            return names;
        }
        for (JsonNode name : list) {
            if (!name.isTextual()) {
                fields.error("'ErrorEquals' entries must be strings");
                continue;
            }
            String error = name.textValue();
            if (error.startsWith("States.") && !ErrorNames.RESERVED.contains(error)) {
                fields.error("'" + error + "' uses the reserved 'States.' prefix but is not a predefined error");
            }
            names.add(error);
        }
        if (names.contains(ErrorNames.ALL) && names.size() > 1) {
            fields.error("'States.ALL' must appear alone in 'ErrorEquals'");
        }
        return names;
    }

    /** States.ALL may only appear in the last retrier or catcher of a list. */
    static void allIsLast(List<List<String>> lists, String where, List<String> errors) {
        for (int i = 0; i < lists.size() - 1; i++) {
            if (lists.get(i).contains(ErrorNames.ALL)) {
                errors.add(where + "[" + i + "]: 'States.ALL' must be in the last entry");
            }
        }
    }

    static boolean matches(List<String> errorEquals, String error) {
        for (String pattern : errorEquals) {
            if (ErrorNames.matches(pattern, error)) {
                return true;
            }
        }
        return false;
    }
}
