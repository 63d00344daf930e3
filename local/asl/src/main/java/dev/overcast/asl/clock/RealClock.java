package dev.overcast.asl.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Wall-clock time for live runs: waiting really waits. */
public final class RealClock implements ExecutionClock {
    private final ExecutorService timed = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "asl-timed-task");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        Duration remaining = Duration.between(Instant.now(), deadline);
        while (!remaining.isNegative() && !remaining.isZero()) {
            Thread.sleep(Math.max(1, remaining.toMillis()));
            remaining = Duration.between(Instant.now(), deadline);
        }
    }

    @Override
    public void join() {
        // Real time passes on its own; nothing to account for.
    }

    @Override
    public void leave() {
        // Real time passes on its own; nothing to account for.
    }

    @Override
    public void wake(Thread thread) {
        thread.interrupt();
    }

    @Override
    public <T> T within(Duration limit, Callable<T> work) throws Exception {
        Future<T> future = timed.submit(work);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
