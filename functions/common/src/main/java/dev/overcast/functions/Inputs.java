package dev.overcast.functions;

import dev.overcast.core.Cloud;
import java.util.Arrays;
import java.util.Locale;

/** The checks every step's input goes through; a bad field is a {@link RequestRefused} naming it. */
public final class Inputs {

    private Inputs() {
    }

    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RequestRefused(field + ": required");
        }
        return value;
    }

    public static Cloud cloud(String field, String value) {
        return Cloud.fromId(requireText(field, value)).orElseThrow(() -> new RequestRefused(
                field + ": must be one of " + Arrays.toString(Cloud.values()) + ", was '" + value + "'"));
    }

    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        String wanted = requireText(field, value).trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new RequestRefused(field + ": must be one of "
                        + Arrays.toString(Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toArray())
                        + ", was '" + value + "'"));
    }
}
