package dev.overcast.store;

import java.time.Instant;

/**
 * A change requested while the cluster was locked, waiting for the next lease holder.
 *
 * @param clusterId  the cluster
 * @param seq        position in the cluster's queue, from 1, without gaps
 * @param changeId   unique id, for tracing the request
 * @param kind       what is asked
 * @param payload    the request's body (JSON), interpreted by the applier
 * @param applied    whether it has been applied to the cluster's spec
 * @param enqueuedAt when it was queued
 */
public record QueuedChange(
        String clusterId, long seq, String changeId, ChangeKind kind, String payload, boolean applied, Instant enqueuedAt) {
}
