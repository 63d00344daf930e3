package dev.overcast.core.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A grant file the customer applies, packaged on an adapter's classpath from {@code onboarding/}, so a
 * preflight checks exactly the list that was granted. YAML or JSON (JSON is YAML).
 */
public final class PackagedGrant {

    private PackagedGrant() {
    }

    /** The strings of the list {@code field} of the classpath resource {@code resource}, as {@code owner} loads it. */
    public static List<String> list(Class<?> owner, String resource, String field) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            List<String> values = new ArrayList<>();
            JsonNode list = new YAMLMapper().readTree(in).path(field);
            if (!list.isArray() || list.isEmpty()) {
                throw new IllegalStateException(resource + " has no list " + field);
            }
            list.forEach(v -> values.add(v.asText()));
            return List.copyOf(values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
