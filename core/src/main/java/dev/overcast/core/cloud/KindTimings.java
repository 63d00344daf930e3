package dev.overcast.core.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long one kind takes on one cloud, from the provider's published figures, as the native operations
 * each phase waits for. A phase runs in stages, one after the other; the operations of one stage run
 * together, so a stage lasts as long as its slowest. The phases:
 * <ul>
 *   <li>{@link #createStages() create}: until the resource is ready for its dependants;</li>
 *   <li>{@link #settleStages() settle}: after that, work a round still resumes or waits for, off the
 *       dependants' path (AWS brings a VPN connection's tunnels up after the connection is available);</li>
 *   <li>{@link #deleteStages() delete}: how long the resource stays listed while it is deleted;</li>
 *   <li>{@link #updateStages() update}: an in-place update, for the kinds whose update takes time.</li>
 * </ul>
 * Operations are named {@code <resource type>.<phase>} like cloudsim's table of durations, so a test can
 * hold the emulator to the adapters' figures. Each client declares its own ({@link ResourceClient#timings()}).
 */
public final class KindTimings {

    /** A kind that is ready, gone or updated as soon as the call returns. */
    public static final KindTimings INSTANT = new KindTimings(List.of(), List.of(), List.of(), List.of());

    /** One native operation and its published duration. */
    public record Operation(String name, Duration duration) {
        public Operation {
            Objects.requireNonNull(name, "name");
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("operation " + name + ": duration must be zero or more");
            }
        }
    }

    /** Operations that run at the same time. */
    public record Stage(List<Operation> operations) {
        public Stage {
            operations = List.copyOf(operations);
        }

        public Duration duration() {
            return operations.stream().map(Operation::duration).max(Duration::compareTo).orElse(Duration.ZERO);
        }
    }

    private final List<Stage> create;
    private final List<Stage> settle;
    private final List<Stage> delete;
    private final List<Stage> update;

    private KindTimings(List<Stage> create, List<Stage> settle, List<Stage> delete, List<Stage> update) {
        this.create = List.copyOf(create);
        this.settle = List.copyOf(settle);
        this.delete = List.copyOf(delete);
        this.update = List.copyOf(update);
    }

    public static Operation operation(String name, Duration duration) {
        return new Operation(name, duration);
    }

    /** These timings with one more create stage. */
    public KindTimings create(Operation... together) {
        return new KindTimings(plus(create, together), settle, delete, update);
    }

    /** These timings with one more stage after the resource is ready. */
    public KindTimings settle(Operation... together) {
        return new KindTimings(create, plus(settle, together), delete, update);
    }

    /** These timings with one more delete stage. */
    public KindTimings delete(Operation... together) {
        return new KindTimings(create, settle, plus(delete, together), update);
    }

    /** These timings with one more in-place update stage. */
    public KindTimings update(Operation... together) {
        return new KindTimings(create, settle, delete, plus(update, together));
    }

    public List<Stage> createStages() {
        return create;
    }

    public List<Stage> settleStages() {
        return settle;
    }

    public List<Stage> deleteStages() {
        return delete;
    }

    public List<Stage> updateStages() {
        return update;
    }

    /** Every operation of every phase, for checks against another table. */
    public List<Operation> operations() {
        return List.of(create, settle, delete, update).stream().flatMap(List::stream)
                .flatMap(stage -> stage.operations().stream()).toList();
    }

    /** The stages' durations one after the other. */
    public static Duration total(List<Stage> stages) {
        return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }

    private static List<Stage> plus(List<Stage> stages, Operation... together) {
        if (together.length == 0) {
            throw new IllegalArgumentException("a stage needs at least one operation");
        }
        List<Stage> next = new ArrayList<>(stages);
        next.add(new Stage(List.of(together)));
        return next;
    }
}
