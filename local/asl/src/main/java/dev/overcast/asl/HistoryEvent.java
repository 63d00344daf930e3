package dev.overcast.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One history event; {@code details} holds the fields of the type's detail shape (e.g. name, input, output). */
public record HistoryEvent(long id, long previousEventId, String type, Instant timestamp, ObjectNode details) {
}
