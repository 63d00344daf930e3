package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EC2's idempotency, as "Ensuring idempotency in Amazon EC2 API requests" (EC2 developer guide) documents
 * it: a request repeated with the same {@code ClientToken} and parameters answers what the first one made,
 * in its current state ("the result might contain updated information"), even once that is terminated; the
 * same token with other parameters is {@code IdempotentParameterMismatch}. Actions the guide lists as
 * idempotent by default (here {@code CreateVpnConnection}) need no token: the same parameters answer what
 * the first request made while it lives.
 */
final class Idempotency {

    private static final Set<String> IDEMPOTENT_BY_DEFAULT = Set.of("CreateVpnConnection");

    private record Entry(Map<String, String> request, List<SimResource> made) {}

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
    private final Map<Map<String, String>, List<SimResource>> byParameters = new ConcurrentHashMap<>();

    /** What an earlier request with this call's token, or with its parameters where the action is idempotent by default, made. */
    Optional<List<SimResource>> earlier(Ec2Call call) {
        String token = call.param("ClientToken");
        if (token == null) {
            return IDEMPOTENT_BY_DEFAULT.contains(call.action())
                    ? Optional.ofNullable(byParameters.get(scoped(call)))
                            .filter(made -> made.stream().allMatch(r -> !r.retired() && held(call, r)))
                    : Optional.empty();
        }
        Entry entry = byToken.get(key(call, token));
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.request().equals(signature(call))) {
            throw new CloudError("IdempotentParameterMismatch",
                    "Client token '" + token + "' was already used with different parameters.");
        }
        // A resource removed by hand (the world keeps no record of it, unlike a terminated one) is forgotten
        // with its token, so the request runs anew.
        List<SimResource> remembered = entry.made().stream()
                .filter(r -> r.retired() || held(call, r))
                .toList();
        return remembered.isEmpty() ? Optional.empty() : Optional.of(remembered);
    }

    /** Whether the world still holds the resource (it was not removed by hand). */
    private static boolean held(Ec2Call call, SimResource resource) {
        return call.world().find(Ec2Call.FRONT, call.account(), call.region(), resource.id()).isPresent();
    }

    void remember(Ec2Call call, List<SimResource> made) {
        String token = call.param("ClientToken");
        if (token != null) {
            byToken.put(key(call, token), new Entry(signature(call), List.copyOf(made)));
        } else if (IDEMPOTENT_BY_DEFAULT.contains(call.action())) {
            byParameters.put(scoped(call), List.copyOf(made));
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

    private static Map<String, String> scoped(Ec2Call call) {
        Map<String, String> request = signature(call);
        request.put("@account", call.account());
        request.put("@region", call.region());
        return request;
    }
}
