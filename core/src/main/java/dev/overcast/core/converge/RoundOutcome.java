package dev.overcast.core.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.diff.ActionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the calls of one round did, as the step reports them: the history each call adds to its
 * resource's inventory row, what the poll schedule counts from, and what the round must record.
 */
public final class RoundOutcome {
    private final String execution;
    private final Instant now;
    private final Map<String, History> recorded;
    private final Map<String, History> changed = new LinkedHashMap<>();
    private final Map<String, Instant> started = new HashMap<>();
    private final Map<String, String> refused = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private final List<Observation> updated = new ArrayList<>();
    private int calls;

    /**
     * @param execution the execution the round belongs to
     * @param now       when the round began: what this round's starts count from
     * @param histories the history of each resource as the inventory holds it; another execution's tells nothing
     */
    public RoundOutcome(Mode mode, String execution, Instant now, Map<String, History> histories) {
        this.execution = execution;
        this.now = now;
        Map<String, History> own = new HashMap<>();
        histories.forEach((name, history) -> {
            if (history != null && history.execution().equals(execution)) {
                own.put(name, history);
            }
        });
        this.recorded = Map.copyOf(own);
        recorded.forEach((name, history) -> {
            Instant start = mode == Mode.DESTROY ? history.deleteStarted() : history.createStarted();
            if (start != null) {
                started.put(name, start);
            }
        });
    }

    /** Whether the call is still worth making: a create is not, for a resource whose delete this round started. */
    public boolean due(Call call) {
        return !(call.type() == ActionType.CREATE && deleted.contains(call.name()));
    }

    /** The call started work at {@code at}. A resume is none of the round's business. */
    public void started(Call call, Instant at) {
        if (call.resume()) {
            return;
        }
        calls++;
        if (call.type() == ActionType.DELETE) {
            started.put(call.name(), now);
            deleted.add(call.name());
            change(call.name(), history(call.name()).deleted(at));
        } else {
            started.putIfAbsent(call.name(), now);
            change(call.name(), history(call.name()).created(at));
        }
        if (call.type() == ActionType.UPDATE) {
            // A create round reads READY kinds from the inventory, not the cloud: left READY with the drift
            // it had, an updated resource would be updated again every round. Marked updating, its kind is
            // observed again, so the next round sees what the update did.
            updated.add(call.action().observed().withState(ResourceState.UPDATING));
        }
    }

    /**
     * The cloud refused the call at {@code at} for a reason worth retrying; {@code dependency} is the
     * resource it named as not ready, if it named one ({@code waitingForDependency}).
     */
    public void refused(Call call, Instant at, boolean waitingForDependency, String dependency) {
        if (call.resume()) {
            return;
        }
        refused.put(call.name(), dependency);
        History history = history(call.name());
        change(call.name(), waitingForDependency ? history.waiting(at, dependency) : history.refused(at));
    }

    /** When the round began. */
    public Instant now() {
        return now;
    }

    /** Calls that started work, resumes aside. */
    public int calls() {
        return calls;
    }

    /**
     * When this execution started each resource: creating (or, destroying, deleting) it as recorded,
     * and this round's calls counted from the round's start.
     */
    public Map<String, Instant> started() {
        return Map.copyOf(started);
    }

    /** The histories this round's calls changed, by resource name, in call order. */
    public Map<String, History> changed() {
        return Map.copyOf(changed);
    }

    /** What this round updated, as it was before, marked UPDATING: the next round must look at it again. */
    public List<Observation> updated() {
        return List.copyOf(updated);
    }

    /** When the poll after this round is due. */
    public PollSchedule schedule(Cloud cloud, BuildFigures figures, List<Observation> recordedRows) {
        return new PollSchedule(cloud, now, figures, started, recorded, refused, recordedRows);
    }

    private History history(String name) {
        History history = changed.getOrDefault(name, recorded.get(name));
        return history != null ? history : History.of(execution, null);
    }

    private void change(String name, History history) {
        changed.put(name, history);
    }
}
