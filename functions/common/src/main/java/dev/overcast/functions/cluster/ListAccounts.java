package dev.overcast.functions.cluster;

import dev.overcast.core.Cloud;
import dev.overcast.core.cluster.ReconcileSchedule;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.Step;
import dev.overcast.store.Cluster;
import dev.overcast.store.ClusterStore;
import dev.overcast.store.Store;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The accounts the hourly reconcile visits, a page at a time, each with how many of its clusters may
 * be reconciled at once ({@link ReconcileSchedule#concurrency}). A tenant brings its own cloud accounts,
 * so the tenant is the account key: its clusters share the accounts' API rate limits.
 *
 * <p>Accounts come from a scan of the clusters table read in DynamoDB pages; the answer holds at most
 * {@link #PAGE_SIZE} accounts, so the state's payload stays far below 256 KiB at any number of tenants.
 */
public final class ListAccounts extends Step<ListAccounts.Request, ListAccounts.Result> {
    /** Accounts per answer: ~60 bytes each, ~60 KB a page. */
    static final int PAGE_SIZE = 1_000;
    private static final int SCAN_PAGE = 1_000;

    /** The schedule's event (its other fields do not matter) and, after the first page, where to go on. */
    public record Request(String time, String nextToken) {
    }

    public record Account(String account, int concurrency) {
    }

    public record Result(List<Account> accounts, String nextToken) {
    }

    private final Store store;

    public ListAccounts(Store store) {
        super(Request.class, Result.class);
        this.store = store;
    }

    @Override
    public Result apply(Request request) {
        Map<String, Set<Cloud>> cloudsByAccount = new TreeMap<>();
        String after = null;
        do {
            ClusterStore.Page<Cluster> page = store.clusters().scanPage(after, SCAN_PAGE);
            for (Cluster cluster : page.items()) {
                if (ListAccountClusters.DUE.contains(cluster.status())) {
                    cloudsByAccount.computeIfAbsent(cluster.tenant(), t -> EnumSet.noneOf(Cloud.class))
                            .addAll(SpecReader.parseJson(cluster.spec()).cloudList());
                }
            }
            after = page.next();
        } while (after != null);
        List<Account> accounts = new ArrayList<>();
        String nextToken = null;
        for (Map.Entry<String, Set<Cloud>> entry : cloudsByAccount.entrySet()) {
            if (request.nextToken() != null && entry.getKey().compareTo(request.nextToken()) <= 0) {
                continue;
            }
            if (accounts.size() == PAGE_SIZE) {
                nextToken = accounts.get(PAGE_SIZE - 1).account();
                break;
            }
            accounts.add(new Account(entry.getKey(), ReconcileSchedule.concurrency(entry.getValue())));
        }
        return new Result(accounts, nextToken);
    }
}
