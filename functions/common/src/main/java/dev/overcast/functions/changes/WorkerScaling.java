package dev.overcast.functions.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.functions.RequestRefused;
import dev.overcast.store.ChangeApplier;
import dev.overcast.store.ChangeKind;
import dev.overcast.store.QueuedChange;

/**
 * Folds a queued worker count into the spec: {@code workers.<cloud>.count}, keeping the pool's size
 * and everything else as written. Pure, as the change queue requires (it may run twice for a change).
 */
public final class WorkerScaling implements ChangeApplier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The payload of a {@link ChangeKind#SCALE_WORKERS} change. */
    public record Payload(String cloud, int count) {
    }

    @Override
    public String apply(String spec, QueuedChange change) {
        if (change.kind() != ChangeKind.SCALE_WORKERS) {
            throw new RequestRefused("change " + change.seq() + ": kind " + change.kind() + " is not applied by the scale flow");
        }
        try {
            Payload payload = JSON.readValue(change.payload(), Payload.class);
            return withWorkers(spec, payload);
        } catch (JsonProcessingException e) {
            throw new RequestRefused("change " + change.seq() + ": payload is not {cloud, count}: " + e.getOriginalMessage());
        }
    }

    static String withWorkers(String spec, Payload payload) throws JsonProcessingException {
        ObjectNode root = (ObjectNode) JSON.readTree(spec);
        ObjectNode pool = root.withObjectProperty("workers").withObjectProperty(payload.cloud());
        pool.put("count", payload.count());
        return JSON.writeValueAsString(root);
    }

    static String payload(Payload payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a two-field record always serialises", e);
        }
    }
}
