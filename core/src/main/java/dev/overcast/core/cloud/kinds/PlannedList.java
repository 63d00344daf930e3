package dev.overcast.core.cloud.kinds;

import dev.overcast.core.plan.Resource;
import java.util.Arrays;
import java.util.List;

/** A comma-separated attribute of a planned resource as its entries, trimmed; empty when it is absent or blank. */
final class PlannedList {
    private PlannedList() {
    }

    static List<String> of(Resource desired, String key) {
        String value = desired.attribute(key);
        return value == null || value.isBlank() ? List.of() : entries(value);
    }

    static List<String> entries(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::trim).toList();
    }
}
