package dev.overcast.core.cloud;

import dev.overcast.core.plan.ResourceKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** One cloud's resource clients by the kind each serves: what an adapter hands out. */
public final class KindClients {

    private final Cloud cloud;
    private final Map<ResourceKind, ResourceClient> byKind = new EnumMap<>(ResourceKind.class);

    private KindClients(Cloud cloud) {
        this.cloud = cloud;
    }

    /** @throws IllegalArgumentException when a client serves another cloud, or two serve the same kind */
    public static KindClients of(Cloud cloud, ResourceClient... clients) {
        KindClients all = new KindClients(Objects.requireNonNull(cloud, "cloud"));
        for (ResourceClient client : clients) {
            if (client.cloud() != cloud) {
                throw new IllegalArgumentException("a " + client.kind() + " client on " + client.cloud().id() + " is not a " + cloud.id() + " client");
            }
            if (all.byKind.putIfAbsent(client.kind(), client) != null) {
                throw new IllegalArgumentException("two " + cloud.id() + " clients serve " + client.kind());
            }
        }
        return all;
    }

    public Cloud cloud() {
        return cloud;
    }

    /** The kind's client, or {@code null} when the cloud has none for it. */
    public ResourceClient client(ResourceKind kind) {
        return byKind.get(Objects.requireNonNull(kind, "kind"));
    }
}
