package dev.overcast.core.spec;

/**
 * One thing wrong with a spec.
 *
 * @param field   dotted path of the offending field, e.g. {@code workers.azure.count}
 * @param rule    the rule broken, a short stable id such as {@code range} or {@code overlap}
 * @param message what is wrong, for a human, with the value found
 */
public record Violation(String field, String rule, String message) {

    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
