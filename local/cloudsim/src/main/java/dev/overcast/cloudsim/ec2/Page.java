package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;

/** {@code MaxResults}/{@code NextToken} pagination over a describe's result; tokens are opaque offsets. */
record Page<T>(List<T> items, String nextToken) {

    /** Writes one page of {@code all} as {@code setName} items, then {@code nextToken} when more remain. */
    static <T> void write(Ec2Call call, Xml out, String setName, List<T> all, BiConsumer<Xml, T> member) {
        Page<T> page = of(call, all);
        out.items(setName, page.items(), member).el("nextToken", page.nextToken());
    }

    static <T> Page<T> of(Ec2Call call, List<T> all) {
        Integer max = call.integer("MaxResults");
        String token = call.param("NextToken");
        if (max == null && token == null) {
            return new Page<>(all, null);
        }
        if (max != null && (max < 5 || max > 1000)) {
            throw Ec2Call.invalid("Value ( " + max + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }
        int size = max == null ? 1000 : max;
        int from = token == null ? 0 : offset(token);
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? Base64.getUrlEncoder().encodeToString(("o" + to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(all.subList(Math.min(from, all.size()), to), next);
    }

    private static int offset(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("o")) {
                return Integer.parseInt(decoded.substring(1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below, as EC2 answers any token it did not issue
        }
        throw new CloudError("InvalidNextToken", "The token '" + token + "' is invalid.");
    }
}
