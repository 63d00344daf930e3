package dev.overcast.runtime.up;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.functions.api.Flow;
import dev.overcast.functions.api.Flows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local EventBridge rule: it sends {@code events/schedule}'s event (its {@code time} set to the
 * world's clock) to {@code reconcile-all} through Step Functions, like the deployed rule, every
 * {@code interval / speed} of real time. It never moves the virtual clock itself: a jump of an hour
 * under a running flow would expire its lease; the clock jumps through the flows' own waits.
 */
final class Schedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Schedule.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schedule");
        thread.setDaemon(true);
        return thread;
    });
    private final Flows flows;
    private final InstantSource clock;
    private final ObjectNode event;

    Schedule(Flows flows, InstantSource clock, Path eventFile, Duration interval, double speed, ObjectMapper json) {
        this.flows = flows;
        this.clock = clock;
        try {
            this.event = (ObjectNode) json.readTree(Files.readString(eventFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schedule event " + eventFile, e);
        }
        long periodMillis = realPeriod(interval, speed).toMillis();
        timer.scheduleAtFixedRate(this::fire, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The real time between two firings. */
    static Duration realPeriod(Duration interval, double speed) {
        return Duration.ofMillis(Math.max(1, (long) (interval.toMillis() / speed)));
    }

    private void fire() {
        try {
            Instant now = clock.instant();
            event.put("time", now.toString());
            String arn = flows.start(Flow.RECONCILE_ALL, "hourly", event.toString());
            LOG.info("schedule: reconcile-all at {} ({})", now, arn);
        } catch (RuntimeException e) {
            // One failed firing must not end the schedule (ScheduledExecutorService stops on an exception).
            LOG.warn("schedule: reconcile-all could not start: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
