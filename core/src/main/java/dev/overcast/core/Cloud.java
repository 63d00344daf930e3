package dev.overcast.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three clouds a cluster can span; {@link #id()} is the spelling used in specs, names and tags. */
public enum Cloud {
    AWS("aws"),
    GCP("gcp"),
    AZURE("azure");

    private final String id;

    Cloud(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The cloud whose id is exactly {@code id}, as the API's enums are read: {@code "GCP"} is none. */
    public static Optional<Cloud> ofExactId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    public static Optional<Cloud> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
