package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.ResourceKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The shape every cloud's adapter has: one {@link ResourceClient} per kind, all on the adapter's cloud. */
public abstract class ClientPerKindAdapter implements CloudAdapter {

    private final Cloud cloud;
    private final Map<ResourceKind, ResourceClient> byKind = new EnumMap<>(ResourceKind.class);

    /** @throws IllegalArgumentException when a client serves another cloud, or two serve the same kind */
    protected ClientPerKindAdapter(Cloud cloud, ResourceClient... clients) {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        for (ResourceClient client : clients) {
            if (client.cloud() != cloud) {
                throw new IllegalArgumentException("the " + client.kind() + " client serves " + client.cloud().id() + ", not "
                        + cloud.id());
            }
            if (byKind.putIfAbsent(client.kind(), client) != null) {
                throw new IllegalArgumentException("two " + cloud.id() + " clients serve " + client.kind());
            }
        }
    }

    @Override
    public final Cloud cloud() {
        return cloud;
    }

    /** The kind's client, or {@code null} when the cloud has none for it. */
    @Override
    public final ResourceClient client(ResourceKind kind) {
        return byKind.get(Objects.requireNonNull(kind, "kind"));
    }
}
