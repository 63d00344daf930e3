package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.ResourceKind;

/** One cloud's implementation of the SPI: a {@link ResourceClient} for every kind. */
public interface CloudAdapter {

    Cloud cloud();

    ResourceClient client(ResourceKind kind);
}
