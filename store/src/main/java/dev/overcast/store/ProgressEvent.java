package dev.overcast.store;

import java.time.Instant;

/**
 * One step of one execution, for the console.
 *
 * @param executionId the Step Functions execution
 * @param clusterId   the cluster it works on
 * @param step        the state's name
 * @param status      e.g. {@code started}, {@code succeeded}, {@code failed}
 * @param at          when it happened
 * @param detail      free text, or null
 */
public record ProgressEvent(String executionId, String clusterId, String step, String status, Instant at, String detail) {
}
