package dev.overcast.asl.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Discrete-event time. The clock stands still while any participant is working; when every
 * participant is asleep, it jumps to the earliest wake-up time. Time only moves forward, so it can
 * also serve other components as their {@link java.time.InstantSource}.
 */
public final class VirtualClock implements ExecutionClock {
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Each sleeper waits on a condition of its own and is signalled only when its time has come: with
     * hundreds of sleepers (a service-scale run), waking them all at every step of the clock costs more
     * than the work between steps.
     */
    private final Map<Thread, Sleeper> sleepers = new HashMap<>();
    private Instant now;
    private int working;

    private record Sleeper(Instant deadline, Condition due) {
    }

    public VirtualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward by hand, e.g. between two executions in a test. */
    public void advanceTo(Instant target) {
        lock.lock();
        try {
            if (target.isAfter(now)) {
                now = target;
                signalDue();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        Thread self = Thread.currentThread();
        lock.lock();
        try {
            if (!deadline.isAfter(now)) {
                return;
            }
            Sleeper sleeper = new Sleeper(deadline, lock.newCondition());
            sleepers.put(self, sleeper);
            working--;
            try {
                advanceIfIdle();
                while (now.isBefore(deadline)) {
                    sleeper.due().await();
                }
            } finally {
                // A thread woken by wake() was already counted as working again.
                if (sleepers.remove(self) != null) {
                    working++;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a sleeping thread as working again before interrupting it, so that its abandoned wake-up
     * time cannot make the clock jump in the moment before it notices.
     */
    @Override
    public void wake(Thread thread) {
        lock.lock();
        try {
            if (sleepers.remove(thread) != null) {
                working++;
            }
            thread.interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void join() {
        lock.lock();
        try {
            working++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void leave() {
        lock.lock();
        try {
            working--;
            advanceIfIdle();
        } finally {
            lock.unlock();
        }
    }

    private void advanceIfIdle() {
        if (working > 0 || sleepers.isEmpty()) {
            return;
        }
        Instant earliest = sleepers.values().stream().map(Sleeper::deadline).min(Instant::compareTo).orElseThrow();
        if (earliest.isAfter(now)) {
            now = earliest;
            signalDue();
        }
    }

    private void signalDue() {
        sleepers.values().stream().filter(s -> !s.deadline().isAfter(now)).forEach(s -> s.due().signal());
    }

    /**
     * Work done in real time takes no virtual time, so the work runs to its end and fails afterwards
     * if virtual time (spent in its own waits) went past the limit.
     */
    @Override
    public <T> T within(Duration limit, Callable<T> work) throws Exception {
        Instant start = instant();
        T result = work.call();
        if (Duration.between(start, instant()).compareTo(limit) > 0) {
            throw new TimeoutException("took longer than " + limit);
        }
        return result;
    }
}
