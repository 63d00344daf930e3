package dev.overcast.core.converge;

import java.time.Instant;
import java.util.Objects;

/**
 * What one execution's converge rounds did to one resource, kept on the resource's inventory row so a
 * later round (or a restarted one) knows when it started what, without reading any log: Crossplane's
 * create-pending / create-succeeded, as data. Expected ends count from these instants.
 *
 * @param execution      the execution the rest is about; a row written by another one tells nothing
 * @param createStarted  its first create or update call that started work
 * @param deleteStarted  its latest delete call that started work
 * @param firstTried     its first create or update call, or first refusal of any call: a create that
 *                       made its call but could not read the result back is refused, yet builds
 * @param waitingOn      the dependency the cloud last named when it refused the resource
 * @param waitingSince   its first refusal for a dependency that was not ready
 */
public record History(String execution, Instant createStarted, Instant deleteStarted, Instant firstTried,
                      String waitingOn, Instant waitingSince) {

    public History {
        Objects.requireNonNull(execution, "execution");
    }

    /** The history {@code execution} continues from: {@code recorded} if it is that execution's own, else a blank one. */
    public static History of(String execution, History recorded) {
        return recorded != null && recorded.execution().equals(execution) ? recorded
                : new History(execution, null, null, null, null, null);
    }

    /** A create or update call started work at {@code at}. */
    public History created(Instant at) {
        return new History(execution, first(createStarted, at), deleteStarted, first(firstTried, at), waitingOn, waitingSince);
    }

    /** A delete call started work at {@code at}. */
    public History deleted(Instant at) {
        return new History(execution, createStarted, at, firstTried, waitingOn, waitingSince);
    }

    /** The cloud refused a call at {@code at}, for a retryable reason other than a dependency. */
    public History refused(Instant at) {
        return new History(execution, createStarted, deleteStarted, first(firstTried, at), waitingOn, waitingSince);
    }

    /** The cloud refused a call at {@code at} because {@code dependency} is not ready. */
    public History waiting(Instant at, String dependency) {
        return new History(execution, createStarted, deleteStarted, first(firstTried, at), dependency, first(waitingSince, at));
    }

    private static Instant first(Instant kept, Instant at) {
        return kept != null ? kept : at;
    }
}
