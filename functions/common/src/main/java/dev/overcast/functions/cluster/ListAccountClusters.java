package dev.overcast.functions.cluster;

import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.cluster.ReconcileSchedule;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.Step;
import dev.overcast.store.Cluster;
import dev.overcast.store.ClusterStore;
import dev.overcast.store.Store;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One page of an account's clusters that the hourly reconcile visits (settled ones: ready, or failed
 * and worth repairing; the others are under another flow's lease anyway), each with the time its
 * reconcile starts ({@link ReconcileSchedule#start}), earliest first. A page holds at most
 * {@link #PAGE_SIZE} clusters (~90 bytes each), read with one DynamoDB Query on the tenant index.
 */
public final class ListAccountClusters extends Step<ListAccountClusters.Request, ListAccountClusters.Result> {
    static final Set<ClusterStatus> DUE = EnumSet.of(ClusterStatus.READY, ClusterStatus.FAILED);
    static final int PAGE_SIZE = 500;
    /** The default window: the first ten minutes of the hour. */
    public static final int DEFAULT_SPREAD_SECONDS = 600;
    /** A window longer than this would leave the last clusters' reconciles no time to end within the hour. */
    public static final int MAX_SPREAD_SECONDS = 3_000;

    /**
     * @param account       the account key (tenant)
     * @param time          the run's start (the schedule event's time)
     * @param spreadSeconds the window the starts spread over; null = {@link #DEFAULT_SPREAD_SECONDS}
     * @param nextToken     where the previous page ended; null = first page
     */
    public record Request(String account, String time, Integer spreadSeconds, String nextToken) {
    }

    public record Due(String clusterId, String notBefore) {
    }

    public record Result(List<Due> clusters, String nextToken) {
    }

    private final Store store;

    public ListAccountClusters(Store store) {
        super(Request.class, Result.class);
        this.store = store;
    }

    @Override
    public Result apply(Request request) {
        if (request.account() == null || request.account().isBlank()) {
            throw new RequestRefused("account: required, the account (tenant) whose clusters to list");
        }
        Instant runStart = runStart(request.time());
        int spread = request.spreadSeconds() == null ? DEFAULT_SPREAD_SECONDS : request.spreadSeconds();
        if (spread < 0 || spread > MAX_SPREAD_SECONDS) {
            throw new RequestRefused("spreadSeconds: must be from 0 to " + MAX_SPREAD_SECONDS + ", was " + spread);
        }
        ClusterStore.Page<Cluster> page = store.clusters().pageByTenant(request.account(), request.nextToken(), PAGE_SIZE);
        List<Due> due = page.items().stream()
                .filter(c -> DUE.contains(c.status()))
                .map(c -> new Due(c.id(), ReconcileSchedule.start(c.id(), runStart, spread).toString()))
                .sorted(Comparator.comparing(Due::notBefore).thenComparing(Due::clusterId))
                .toList();
        return new Result(due, page.next());
    }

    private static Instant runStart(String time) {
        if (time == null) {
            throw new RequestRefused("time: required, the run's start as an ISO-8601 instant");
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new RequestRefused("time: must be an ISO-8601 instant such as 2026-01-01T01:00:00Z, was '" + time + "'");
        }
    }
}
