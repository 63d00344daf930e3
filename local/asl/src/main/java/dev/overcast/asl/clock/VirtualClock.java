package dev.overcast.asl.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
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
    /** The same sleepers by wake-up time (then arrival), so a step of the clock finds the earliest and the due ones without a scan. */
    private final NavigableSet<Sleeper> byDeadline = new TreeSet<>(
            Comparator.comparing(Sleeper::deadline).thenComparingLong(Sleeper::arrival));
    private Instant now;
    private int working;
    private long arrivals;

    private record Sleeper(Instant deadline, long arrival, Condition due) {
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
            Sleeper sleeper = new Sleeper(deadline, arrivals++, lock.newCondition());
            sleepers.put(self, sleeper);
            byDeadline.add(sleeper);
            working--;
            try {
                advanceIfIdle();
                while (now.isBefore(deadline)) {
                    sleeper.due().await();
                }
            } finally {
                // A thread woken by wake() was already counted as working again.
                if (forget(self)) {
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
            if (forget(thread)) {
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

    /** Removes a thread's sleeper; whether it was still asleep (not yet woken by {@link #wake}). */
    private boolean forget(Thread thread) {
        Sleeper sleeper = sleepers.remove(thread);
        return sleeper != null && byDeadline.remove(sleeper);
    }

    private void advanceIfIdle() {
        if (working > 0 || byDeadline.isEmpty()) {
            return;
        }
        Instant earliest = byDeadline.first().deadline();
        if (earliest.isAfter(now)) {
            now = earliest;
            signalDue();
        }
    }

    private void signalDue() {
        for (Sleeper sleeper : byDeadline) {
            if (sleeper.deadline().isAfter(now)) {
                return;
            }
            sleeper.due().signal();
        }
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
