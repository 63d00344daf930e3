package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * A Distributed Map's ItemBatcher: items grouped into batches, each one child execution whose input is
 * {@code {"Items": [...], "BatchInput": {...}}}. A batch closes at MaxItemsPerBatch items or before it
 * would pass MaxInputBytesPerBatch (at most 256 KiB, the payload limit), whichever comes first; at least
 * one of the two is required (Step Functions developer guide, "ItemBatcher (Map)").
 */
final class ItemBatcher {
    private static final Set<String> FIELDS = Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput");
    private static final Set<String> UNSUPPORTED = Set.of("MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath");
    private final int maxItems;
    private final int maxBytes;
    private final PayloadTemplate batchInput;

    private ItemBatcher(int maxItems, int maxBytes, PayloadTemplate batchInput) {
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.batchInput = batchInput;
    }

    static ItemBatcher parse(JsonNode node, String where, List<String> errors) {
        Fields fields = new Fields(node, where, errors);
        if (!node.isObject()) {
            fields.error("must be an object");
            return null;
        }
        fields.onlyAllowed(FIELDS, UNSUPPORTED);
        int maxItems = positive(fields, "MaxItemsPerBatch", Integer.MAX_VALUE);
        int maxBytes = positive(fields, "MaxInputBytesPerBatch", Execution.MAX_PAYLOAD_BYTES);
        if (!fields.has("MaxItemsPerBatch") && !fields.has("MaxInputBytesPerBatch")) {
            fields.error("at least one of 'MaxItemsPerBatch' and 'MaxInputBytesPerBatch' is required");
        }
        PayloadTemplate batchInput = fields.has("BatchInput")
                ? PayloadTemplate.compile(fields.raw("BatchInput"), where + ".BatchInput", errors) : null;
        return new ItemBatcher(maxItems, maxBytes, batchInput);
    }

    private static int positive(Fields fields, String field, int max) {
        JsonNode value = fields.raw(field);
        if (value == null) {
            return max;
        }
        if (!value.isIntegralNumber() || value.longValue() < 1 || value.longValue() > max) {
            fields.error("'" + field + "' must be an integer from 1 to " + max);
            return max;
        }
        return value.intValue();
    }

    /** The batches, in item order; each one's input within the byte limit unless a single item exceeds it. */
    ArrayNode batches(ArrayNode items, Step step, JsonNode effective) {
        JsonNode shared = batchInput == null ? null : batchInput.evaluate(effective, step.stateContext());
        ArrayNode batches = Json.NODES.arrayNode();
        ArrayNode current = null;
        long bytes = 0;
        for (JsonNode item : items) {
            long size = Json.utf8Size(item) + 1;
            if (current == null || current.size() >= maxItems || bytes + size > maxBytes) {
                ObjectNode batch = batches.addObject();
                current = batch.putArray("Items");
                if (shared != null) {
                    batch.set("BatchInput", shared);
                }
                bytes = Json.utf8Size(batch);
            }
            current.add(item);
            bytes += size;
        }
        return batches;
    }
}
