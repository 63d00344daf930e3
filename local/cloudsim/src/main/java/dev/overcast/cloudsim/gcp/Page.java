package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One page of a list: {@code maxResults} (1..500, default 500) items from the offset {@code pageToken} carries. */
record Page(List<Map<String, Object>> items, Optional<String> nextToken) {

    private static final int MAX = 500;

    static Page of(List<Map<String, Object>> all, Map<String, String> query) {
        int size = number(query, "maxResults", MAX);
        if (size < 0 || size > MAX) {
            throw ComputeCall.invalid("maxResults", size, "Must be within 0.." + MAX + ".");
        }
        int from = number(query, "pageToken", 0);
        if (from < 0 || from > all.size()) {
            throw ComputeCall.invalid("pageToken", query.get("pageToken"), "The page token is invalid.");
        }
        int effective = size == 0 ? MAX : size;
        int to = Math.min(all.size(), from + effective);
        return new Page(all.subList(from, to), to < all.size() ? Optional.of(String.valueOf(to)) : Optional.empty());
    }

    private static int number(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CloudError(ComputeErrors.INVALID, "Invalid value for field '" + name + "': '" + value + "'.");
        }
    }
}
