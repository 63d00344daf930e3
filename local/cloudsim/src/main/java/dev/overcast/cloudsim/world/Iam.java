package dev.overcast.cloudsim.world;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a caller may do, and what the served calls needed. Every permission is granted unless denied for an
 * account (a preflight test denies one); each front names the permissions a call needs in its cloud's terms
 * ({@code ec2:CreateVpc}, {@code compute.networks.create}, {@code Microsoft.Network/virtualNetworks/write}) and
 * they are recorded per front, so a test can compare them with the grant files.
 */
public final class Iam {

    private final Map<String, Set<String>> denied = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> needed = new ConcurrentHashMap<>();

    public void deny(String front, String account, String permission) {
        if (permission == null || permission.isBlank()) {
            throw new IllegalArgumentException("permission must not be blank");
        }
        denied.computeIfAbsent(front + "/" + account, k -> ConcurrentHashMap.newKeySet()).add(permission);
    }

    /** Grants everything again. */
    public void allowAll() {
        denied.clear();
    }

    public boolean allows(String front, String account, String permission) {
        return !denied.getOrDefault(front + "/" + account, Set.of()).contains(permission);
    }

    /** What the account is denied, sorted. */
    public SortedSet<String> denied(String front, String account) {
        return new TreeSet<>(denied.getOrDefault(front + "/" + account, Set.of()));
    }

    /** Records what a call needs and answers the first permission the account is denied, if any. */
    public Optional<String> authorize(String front, String account, Collection<String> permissions) {
        needed.computeIfAbsent(front, k -> ConcurrentHashMap.newKeySet()).addAll(permissions);
        return permissions.stream().filter(p -> !allows(front, account, p)).findFirst();
    }

    /** Every permission the front's calls needed since the last {@link #forgetNeeded()}, sorted. */
    public SortedSet<String> needed(String front) {
        return new TreeSet<>(needed.getOrDefault(front, Set.of()));
    }

    public void forgetNeeded() {
        needed.clear();
    }
}
