package dev.overcast.asl;

import java.util.List;
import java.util.Set;

/** One Catch entry: where to go on a matching error and how to fold the error output into the input. */
record Catcher(List<String> errorEquals, String next, ResultPath resultPath, PayloadTemplate assign,
               JsonataTemplate jsonataAssign, JsonataTemplate output) {
    private static final Set<String> JSONPATH_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment");
    private static final Set<String> JSONATA_FIELDS = Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment");

    static Catcher parse(Fields fields, boolean jsonata) {
        fields.onlyAllowed(jsonata ? JSONATA_FIELDS : JSONPATH_FIELDS, Set.of());
        List<String> errors = ErrorMatchers.errorEquals(fields);
        String next = fields.requiredString("Next");
        ResultPath resultPath = null;
        String path = fields.path("ResultPath");
        if (path != null) {
            try {
                resultPath = ResultPath.parse(path);
            } catch (IllegalArgumentException e) {
                fields.error("'ResultPath' is not a reference path: " + e.getMessage());
            }
        }
        PayloadTemplate assign = null;
        JsonataTemplate jsonataAssign = null;
        if (fields.has("Assign")) {
            if (jsonata) {
                jsonataAssign = JsonataTemplate.compile(fields.raw("Assign"), "Assign", fields.where(), fields.errors());
            } else {
                assign = PayloadTemplate.compile(fields.raw("Assign"), fields.where() + ".Assign", fields.errors());
            }
        }
        JsonataTemplate output = fields.has("Output")
                ? JsonataTemplate.compile(fields.raw("Output"), "Output", fields.where(), fields.errors()) : null;
        return new Catcher(errors, next, resultPath, assign, jsonataAssign, output);
    }
}
