package dev.overcast.cloudsim.world;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The world's resources, each in creation order within its account (front and account) and within its
 * type. Every read of the world is scoped to one account, or to one type across accounts (the Kubernetes
 * simulation's instances), so a call costs what its account holds rather than what the whole world
 * holds: a service-scale run has a thousand accounts. Not thread-safe; the world's lock guards it.
 */
final class ResourceIndex {
    private final Map<String, Map<String, SimResource>> byAccount = new LinkedHashMap<>();
    private final Map<String, Map<String, SimResource>> byType = new LinkedHashMap<>();

    void put(SimResource resource) {
        ResourceKey key = resource.key();
        SimResource replaced = byAccount.computeIfAbsent(accountKey(key.front(), key.account()), k -> new LinkedHashMap<>())
                .put(idKey(key.region(), key.id()), resource);
        if (replaced != null && !replaced.type().equals(key.type())) {
            byType.get(replaced.type()).remove(storeKey(key));
        }
        byType.computeIfAbsent(key.type(), k -> new LinkedHashMap<>()).put(storeKey(key), resource);
    }

    SimResource get(String front, String account, String region, String id) {
        return byAccount.getOrDefault(accountKey(front, account), Map.of()).get(idKey(region, id));
    }

    /** Removes the resource at this place; whether there was one. */
    boolean remove(String front, String account, String region, String id) {
        Map<String, SimResource> inAccount = byAccount.get(accountKey(front, account));
        SimResource removed = inAccount == null ? null : inAccount.remove(idKey(region, id));
        if (removed == null) {
            return false;
        }
        byType.get(removed.type()).remove(storeKey(removed.key()));
        return true;
    }

    /** The account's resources (every region and type), in creation order. */
    Collection<SimResource> inAccount(String front, String account) {
        return byAccount.getOrDefault(accountKey(front, account), Map.of()).values();
    }

    /** Every resource of the type, on every front and account, in creation order. */
    Collection<SimResource> ofType(String type) {
        return byType.getOrDefault(type, Map.of()).values();
    }

    /** Drops the account's resources whose deletion stopped being listed by {@code now}. */
    void purgeAccount(String front, String account, Instant now) {
        Map<String, SimResource> inAccount = byAccount.get(accountKey(front, account));
        if (inAccount != null) {
            inAccount.values().removeIf(r -> r.purgedAt(now) && byType.get(r.type()).remove(storeKey(r.key())) != null);
        }
    }

    /** Drops the type's resources whose deletion stopped being listed by {@code now}. */
    void purgeType(String type, Instant now) {
        Map<String, SimResource> ofType = byType.get(type);
        if (ofType != null) {
            ofType.values().removeIf(r -> r.purgedAt(now)
                    && byAccount.get(accountKey(r.key().front(), r.key().account())).remove(idKey(r.key().region(), r.key().id())) != null);
        }
    }

    private static String accountKey(String front, String account) {
        return front + "/" + account;
    }

    private static String idKey(String region, String id) {
        return region + "/" + id;
    }

    private static String storeKey(ResourceKey key) {
        return String.join("/", key.front(), key.account(), key.region(), key.id());
    }
}
