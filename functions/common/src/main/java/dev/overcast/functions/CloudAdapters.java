package dev.overcast.functions;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The adapters one deployment carries, by cloud: in a Lambda exactly one (each cloud's converge
 * function carries only its SDK), in the local world all of them.
 */
public final class CloudAdapters {
    private final Map<Cloud, CloudAdapter> byCloud = new EnumMap<>(Cloud.class);

    private CloudAdapters(List<CloudAdapter> adapters) {
        adapters.forEach(a -> byCloud.put(a.cloud(), a));
    }

    public static CloudAdapters of(CloudAdapter... adapters) {
        return new CloudAdapters(List.of(adapters));
    }

    public static CloudAdapters of(List<CloudAdapter> adapters) {
        return new CloudAdapters(adapters);
    }

    /** The adapter for {@code cloud}; a deployment without one is misconfigured, which no retry mends. */
    public CloudAdapter adapter(Cloud cloud) {
        CloudAdapter adapter = byCloud.get(cloud);
        if (adapter == null) {
            throw new RequestRefused("cloud: this function carries no adapter for " + cloud + " (it has " + byCloud.keySet() + ")");
        }
        return adapter;
    }

    /** Every adapter this deployment carries. */
    public Collection<CloudAdapter> all() {
        return List.copyOf(byCloud.values());
    }
}
