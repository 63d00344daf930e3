package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.ResourceKind;
import java.util.Set;

/** One cloud's implementation of the SPI: a {@link ResourceClient} for every kind. */
public interface CloudAdapter {

    Cloud cloud();

    ResourceClient client(ResourceKind kind);

    /** The kind's published timings on this cloud; instant for a kind the cloud has no client for. */
    default KindTimings timings(ResourceKind kind) {
        ResourceClient client = client(kind);
        return client == null ? KindTimings.INSTANT : client.timings();
    }

    /** The kind's create-only attributes on this cloud; none for a kind the cloud has no client for. */
    default Set<String> createOnly(ResourceKind kind) {
        ResourceClient client = client(kind);
        return client == null ? Set.of() : client.createOnly();
    }
}
