package dev.overcast.core.cloud;

import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import java.util.Map;

/** Observations of the resources a resource depends on, by resource name; how adapters resolve references. */
public record Dependencies(Map<String, Observation> byName) {

    public static final Dependencies NONE = new Dependencies(Map.of());

    public Dependencies {
        byName = Map.copyOf(byName);
    }

    /** The dependency, which must exist and be ready; otherwise a retryable failure. */
    public Observation require(String resourceName) {
        Observation found = byName.get(resourceName);
        if (found == null || found.state() != ResourceState.READY) {
            throw new DependencyNotReadyException(resourceName, found == null ? null : found.state());
        }
        return found;
    }

    /** The named output of a ready dependency; a missing output is also "not ready yet". */
    public String output(String resourceName, String outputKey) {
        String value = require(resourceName).attribute(outputKey);
        if (value == null || value.isBlank()) {
            throw new DependencyNotReadyException(resourceName, outputKey);
        }
        return value;
    }
}
