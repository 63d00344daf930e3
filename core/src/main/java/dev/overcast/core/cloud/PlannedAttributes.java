package dev.overcast.core.cloud;

import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.plan.Resource;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every adapter checks of a planned resource's attributes before a cloud call: that a needed one is
 * there, that a value follows its rule, and which observed values drifted. Failures are terminal (bad
 * input, not a crash) and name the kind, the resource and the attribute.
 */
public final class PlannedAttributes {

    private PlannedAttributes() {
    }

    /** A desired attribute the kind cannot do without. */
    public static String required(Resource desired, String key) {
        String value = desired.attribute(key);
        if (value == null || value.isBlank()) {
            throw new TerminalCloudException(desired.cloud(), "Create", "MissingAttribute",
                    desired.kind() + " " + desired.name() + " needs attribute '" + key + "'", null);
        }
        return value;
    }

    /** A whole-number attribute within {@code min..max}; anything else is bad input named by key and rule. */
    public static long number(Resource desired, String key, long min, long max) {
        String raw = required(desired, key);
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the rule
        }
        throw invalid(desired, key, "must be a whole number within " + min + ".." + max);
    }

    /** A desired attribute whose value breaks {@code rule} (said as "it must …"). */
    public static TerminalCloudException invalid(Resource desired, String key, String rule) {
        return new TerminalCloudException(desired.cloud(), "Create", "InvalidAttribute",
                desired.kind() + " " + desired.name() + ": attribute '" + key + "' is '" + desired.attribute(key) + "' but " + rule, null);
    }

    /** Observed values of the keys whose desired and observed values differ, among the keys both sides carry. */
    public static SortedMap<String, String> drift(Resource desired, Observation observed) {
        return desired.attributes().entrySet().stream()
                .filter(e -> observed.attributes().containsKey(e.getKey()))
                .filter(e -> !e.getValue().equals(observed.attribute(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> observed.attribute(e.getKey()), (a, b) -> a, TreeMap::new));
    }

    /** Drift the kind cannot repair in place: delete and create again. */
    public static TerminalCloudException notUpdatable(Resource desired, Map<String, String> drift) {
        String detail = drift.entrySet().stream()
                .map(e -> e.getKey() + " is '" + e.getValue() + "', wanted '" + desired.attribute(e.getKey()) + "'")
                .collect(Collectors.joining("; "));
        return new TerminalCloudException(desired.cloud(), "Update", "NotUpdatableInPlace",
                desired.kind() + " " + desired.name() + " cannot change in place (delete and create it again): " + detail, null);
    }
}
