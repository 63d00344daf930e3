package dev.overcast.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * An execution's event history with AWS's event types and numbering (ids from 1, each event naming
 * its predecessor). Standard workflows fail at 25,000 events, as AWS does.
 */
public final class History {
    public static final int MAX_EVENTS = 25_000;

    private final InstantSource clock;
    private final List<HistoryEvent> events = new ArrayList<>();

    public History(InstantSource clock) {
        this.clock = clock;
    }

    /** Appends an event and returns its id; the details object becomes part of the event. */
    public synchronized long add(String type, long previousEventId, ObjectNode details) {
        if (events.size() >= MAX_EVENTS - 1) {
            throw new StatesError(ErrorNames.RUNTIME, "The execution reached the maximum number of history events ("
                    + MAX_EVENTS + ").");
        }
        return append(type, previousEventId, details);
    }

    /** The execution's last event; the limit leaves room for it. */
    synchronized long addFinal(String type, ObjectNode details) {
        return append(type, events.size(), details);
    }

    private long append(String type, long previousEventId, ObjectNode details) {
        long id = events.size() + 1L;
        events.add(new HistoryEvent(id, previousEventId, type, clock.instant(), details));
        return id;
    }

    public synchronized long lastId() {
        return events.size();
    }

    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }
}
