package dev.overcast.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small renderings shared by the client commands. */
final class Texts {
    private Texts() {
    }

    static String joined(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }

    /** A 202 for a change: started now, or queued behind the flow holding the lock. */
    static String accepted(JsonNode answer) {
        String seq = answer.has("seq") ? " (change #" + answer.get("seq").asLong() + ")" : "";
        if (answer.path("queued").asBoolean()) {
            return "cluster %s: queued%s behind the running %s flow%n".formatted(answer.path("clusterId").asText(), seq,
                    answer.path("lockedBy").asText());
        }
        return "cluster %s: started%s (%s)%n".formatted(answer.path("clusterId").asText(), seq,
                answer.path("executionArn").asText());
    }
}
