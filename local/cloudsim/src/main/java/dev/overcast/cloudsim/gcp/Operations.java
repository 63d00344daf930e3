package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compute's long-running operations: every insert, delete and patch answers one, polled at
 * {@code global|regions/R|zones/Z/operations/NAME} until {@code DONE}. An operation is done when the
 * world's timeline says its work is (a gateway's insert after its minutes); a failed one is {@code DONE}
 * with {@code error} and {@code httpErrorStatusCode}. A {@code requestId} seen before answers the
 * operation it started, so a retried insert does nothing twice.
 */
final class Operations {

    /** One operation; {@code errorReason} is null when it succeeds. */
    record Operation(String name, String project, Scope scope, String location, String type, String targetLink,
                     String targetId, Instant insertTime, Instant doneAt, String errorReason, String errorMessage) {}

    private final Map<String, Operation> byName = new ConcurrentHashMap<>();
    private final Map<String, String> byRequestId = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** The operation an earlier request with this {@code requestId} started, if any. */
    Optional<Operation> earlier(String project, String requestId) {
        return requestId == null ? Optional.empty()
                : Optional.ofNullable(byRequestId.get(project + "/" + requestId)).map(byName::get);
    }

    Operation start(ComputeCall call, Scope scope, String type, String targetLink, String targetId, Instant doneAt,
                    String requestId, CloudError failure) {
        String name = "operation-" + call.now().toEpochMilli() + "-" + Long.toHexString(0x1000_0000L + sequence.incrementAndGet());
        Operation op = new Operation(name, call.project(), scope, call.location(), type, targetLink, targetId, call.now(), doneAt,
                failure == null ? null : failure.code(), failure == null ? null : failure.getMessage());
        byName.put(key(call.project(), scope, call.location(), name), op);
        if (requestId != null) {
            byRequestId.put(call.project() + "/" + requestId, key(call.project(), scope, call.location(), name));
        }
        return op;
    }

    Operation require(ComputeCall call, Scope scope, String name) {
        Operation op = byName.get(key(call.project(), scope, call.location(), name));
        if (op == null) {
            throw new CloudError(ComputeErrors.NOT_FOUND, "The resource 'projects/" + call.project() + "/"
                    + scope.path(call.location()) + "/operations/" + name + "' was not found");
        }
        return op;
    }

    /** The operation as Compute's JSON. */
    static Map<String, Object> render(ComputeCall call, Operation op) {
        boolean done = !op.doneAt().isAfter(call.now());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "compute#operation");
        json.put("id", String.valueOf(Math.abs((long) op.name().hashCode()) + 1_000_000_000_000L));
        json.put("name", op.name());
        json.put("operationType", op.type());
        json.put("targetLink", op.targetLink());
        json.put("targetId", op.targetId());
        json.put("status", done ? "DONE" : "RUNNING");
        json.put("user", "overcast@" + op.project() + ".iam.gserviceaccount.com");
        json.put("progress", done ? 100 : 0);
        json.put("insertTime", op.insertTime().toString());
        json.put("startTime", op.insertTime().toString());
        if (done) {
            json.put("endTime", op.doneAt().toString());
        }
        if (op.errorReason() != null) {
            json.put("error", Map.of("errors", List.of(Map.of(
                    "code", ComputeErrors.operationCode(op.errorReason()), "message", op.errorMessage()))));
            json.put("httpErrorStatusCode", ComputeErrors.status(op.errorReason()));
            json.put("httpErrorMessage", switch (ComputeErrors.status(op.errorReason())) {
                case 403 -> "FORBIDDEN";
                case 404 -> "NOT FOUND";
                case 409 -> "CONFLICT";
                default -> "BAD REQUEST";
            });
        }
        json.put("selfLink", call.locationLink(op.scope(), op.location()) + "/operations/" + op.name());
        if (op.scope() == Scope.REGION) {
            json.put("region", call.locationLink(Scope.REGION, op.location()));
        } else if (op.scope() == Scope.ZONE) {
            json.put("zone", call.locationLink(Scope.ZONE, op.location()));
        }
        return json;
    }

    private static String key(String project, Scope scope, String location, String name) {
        return project + "/" + scope.path(location) + "/" + name;
    }
}
