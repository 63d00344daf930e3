package dev.overcast.asl.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.time.InstantSource;

/**
 * Time as the interpreter sees it: Wait states, retry intervals and timeouts all go through one clock,
 * so a virtual clock can make hours of waiting cost no real time. The clock counts <em>participants</em>,
 * units of work that can make progress without time passing: a participant is joined before its work
 * is handed to a thread (so no gap exists in which the count is too low) and leaves when the work ends
 * or blocks on other participants.
 */
public interface ExecutionClock extends InstantSource {

    /** Blocks the calling participant until the clock reads {@code deadline} or later. */
    void sleepUntil(Instant deadline) throws InterruptedException;

    /** One more participant is about to work. */
    void join();

    /** One participant has stopped working (finished, or about to block on other participants). */
    void leave();

    /** Interrupts a participant's thread to abort its work, also when it sleeps on this clock. */
    void wake(Thread thread);

    /**
     * Runs {@code work} and fails with {@link TimeoutException} when it takes longer than {@code limit}
     * on this clock (a task's TimeoutSeconds).
     */
    <T> T within(Duration limit, Callable<T> work) throws TimeoutException, Exception;
}
