package dev.overcast.functions.converge;

import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.functions.cluster.MarkStatus;
import dev.overcast.store.ProgressEvent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the last flow that brought a cluster to ready found against what the cluster was created with,
 * read from its progress events: drift in attributes the clouds fixed at creation (converge's
 * {@value ConvergeCloud#CREATE_ONLY_DRIFT} events) and what the running release would decide otherwise
 * than the cluster's pins (markStatus's {@value MarkStatus#RELEASE_DIFFERS} event).
 *
 * @param createOnlyDrift each drifted resource and its attributes, {@code "; "}-separated; empty when none
 * @param releaseDiffers  each decision the release would take otherwise, with both values; empty when none
 */
public record PinnedConditions(String createOnlyDrift, String releaseDiffers) {

    /** @param events a cluster's progress events, oldest first */
    public static PinnedConditions of(List<ProgressEvent> events) {
        Optional<String> lastReady = events.stream()
                .filter(e -> e.step().equals("status") && e.status().equals(ClusterStatus.READY.id()))
                .reduce((first, second) -> second).map(ProgressEvent::executionId);
        if (lastReady.isEmpty()) {
            return new PinnedConditions("", "");
        }
        List<ProgressEvent> ofIt = events.stream().filter(e -> e.executionId().equals(lastReady.get())).toList();
        return new PinnedConditions(details(ofIt, ConvergeCloud.CREATE_ONLY_DRIFT), details(ofIt, MarkStatus.RELEASE_DIFFERS));
    }

    private static String details(List<ProgressEvent> events, String status) {
        return events.stream().filter(e -> e.status().equals(status)).map(ProgressEvent::detail).collect(Collectors.joining("; "));
    }
}
