package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ClientToken} idempotency: a repeated request with the same token and parameters answers the
 * resource the first one created; the same token with other parameters is {@code IdempotentParameterMismatch}.
 */
final class Idempotency {

    private record Entry(Map<String, String> request, String resourceId) {}

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();

    /** The id created earlier under this call's token, if any. */
    Optional<String> earlier(Ec2Call call) {
        String token = call.param("ClientToken");
        if (token == null) {
            return Optional.empty();
        }
        Entry entry = byToken.get(key(call, token));
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.request().equals(signature(call))) {
            throw new CloudError("IdempotentParameterMismatch",
                    "Client token '" + token + "' was already used with different parameters.");
        }
        return Optional.of(entry.resourceId());
    }

    void remember(Ec2Call call, String resourceId) {
        String token = call.param("ClientToken");
        if (token != null) {
            byToken.put(key(call, token), new Entry(signature(call), resourceId));
        }
    }

    private static String key(Ec2Call call, String token) {
        return String.join("/", call.account(), call.region(), call.action(), token);
    }

    private static Map<String, String> signature(Ec2Call call) {
        Map<String, String> request = new TreeMap<>(call.params());
        request.remove("ClientToken");
        return request;
    }
}
