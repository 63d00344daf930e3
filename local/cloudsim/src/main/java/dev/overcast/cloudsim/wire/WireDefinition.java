package dev.overcast.cloudsim.wire;

import java.util.List;

/**
 * One cloud's API definition as the report needs it: every operation the vendor defines for the
 * services that front imitates. Registered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.overcast.cloudsim.wire.WireDefinition}), one per front.
 */
public interface WireDefinition {

    /** The name the front records under in {@link WireCheck} ({@code aws}, {@code gcp}, {@code azure}). */
    String cloud();

    List<String> definedOperations();
}
