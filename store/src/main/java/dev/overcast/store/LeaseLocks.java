package dev.overcast.store;

import static dev.overcast.store.internal.LockItem.ACQUIRED_AT;
import static dev.overcast.store.internal.LockItem.CLUSTER_ID;
import static dev.overcast.store.internal.LockItem.EXPIRES_AT;
import static dev.overcast.store.internal.LockItem.OWNER;
import static dev.overcast.store.internal.LockItem.PURPOSE;
import static dev.overcast.store.internal.LockItem.VERSION;

import dev.overcast.store.exceptions.LockHeldException;
import dev.overcast.store.exceptions.NotLockOwnerException;
import dev.overcast.store.exceptions.StaleFencingTokenException;
import dev.overcast.store.internal.Conflicts;
import dev.overcast.store.internal.ItemLimits;
import dev.overcast.store.internal.LockItem;
import dev.overcast.store.internal.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A lease per cluster, kept without a heartbeat thread (a frozen Lambda cannot keep one): acquired
 * with a conditional write, renewed and released only by its owner, taken over only once expired.
 * Expiry is compared with this class's clock inside the condition, never left to DynamoDB's TTL
 * sweeper (seconds in DynamoDB Local, up to days in DynamoDB).
 *
 * <p>Every acquisition adds one to the lock's {@code version}, which the {@link Lease} carries as its
 * fencing token; writes made under a lease include a {@link #guard condition check} on it in the same
 * transaction, so a holder that lost its lease cannot write.
 *
 * <p>The lock writes use the low-level client because they need {@code ADD} and {@code REMOVE}
 * update actions that the Enhanced Client's item-based updates cannot express.
 */
public final class LeaseLocks {
    private static final String NAMES_CLUSTER = "#clusterId";
    private static final String NAMES_OWNER = "#owner";
    private static final String NAMES_PURPOSE = "#purpose";
    private static final String NAMES_EXPIRES = "#expiresAt";
    private static final String NAMES_ACQUIRED = "#acquiredAt";
    private static final String NAMES_VERSION = "#version";
    private static final Map<String, String> NAMES = Map.of(
            NAMES_CLUSTER, CLUSTER_ID, NAMES_OWNER, OWNER, NAMES_PURPOSE, PURPOSE,
            NAMES_EXPIRES, EXPIRES_AT, NAMES_ACQUIRED, ACQUIRED_AT, NAMES_VERSION, VERSION);

    private final DynamoDbClient client;
    private final DynamoDbTable<LockItem> table;
    private final InstantSource clock;

    LeaseLocks(DynamoDbClient client, DynamoDbTable<LockItem> table, InstantSource clock) {
        this.client = client;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Takes the cluster's lease if it is free, expired, or already held by {@code owner} (a retried
     * step of the same execution); the fencing token grows in every case.
     *
     * @throws LockHeldException while another owner holds an unexpired lease
     */
    public Lease acquire(String clusterId, String owner, LeasePurpose purpose, Duration ttl) {
        ItemLimits.checkPartitionKey(table.tableName(), CLUSTER_ID, clusterId);
        requireText("owner", owner);
        requirePositive(ttl);
        long now = clock.millis();
        long expiresAt = now + ttl.toMillis();
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(table.tableName())
                .key(key(clusterId))
                .updateExpression("SET #owner = :owner, #purpose = :purpose, #expiresAt = :expiresAt, #acquiredAt = :now"
                        + " ADD #version :one")
                .conditionExpression("attribute_not_exists(#clusterId) OR attribute_not_exists(#owner)"
                        + " OR #expiresAt <= :now OR #owner = :owner")
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(Map.of(
                        ":owner", s(owner), ":purpose", s(purpose.id()), ":expiresAt", n(expiresAt),
                        ":now", n(now), ":one", n(1)))
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        try {
            return lease(Conflicts.retrying("acquire of lock " + clusterId, () -> client.updateItem(request)).attributes());
        } catch (ConditionalCheckFailedException e) {
            LockItem holder = table.tableSchema().mapToItem(e.item());
            throw new LockHeldException("cluster " + clusterId + " is locked by " + holder.getOwner() + " ("
                    + holder.getPurpose() + ") until " + Instant.ofEpochMilli(holder.getExpiresAt())
                    + "; " + owner + " cannot take it before then");
        }
    }

    /**
     * Extends the lease; allowed as long as nobody has taken it over, even just after expiry.
     *
     * @throws NotLockOwnerException if the lease was released or taken over
     */
    public Lease renew(Lease lease, Duration ttl) {
        requirePositive(ttl);
        long expiresAt = clock.millis() + ttl.toMillis();
        UpdateItemRequest request = ownerUpdate(lease)
                .updateExpression("SET #expiresAt = :expiresAt")
                .conditionExpression("#owner = :owner AND #version = :token")
                .expressionAttributeNames(Map.of(NAMES_OWNER, OWNER, NAMES_VERSION, VERSION, NAMES_EXPIRES, EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":owner", s(lease.owner()), ":token", n(lease.fencingToken()), ":expiresAt", n(expiresAt)))
                .build();
        try {
            return lease(Conflicts.retrying("renewal of lock " + lease.clusterId(), () -> client.updateItem(request)).attributes());
        } catch (ConditionalCheckFailedException e) {
            throw notOwner("renew", lease, e.item());
        }
    }

    /**
     * Frees the lease. Idempotent for its owner: releasing an already released lease (a retried step)
     * succeeds as long as nobody acquired the lock since. The lock row stays, keeping its version.
     *
     * @throws NotLockOwnerException if someone else holds the lock now
     */
    public void release(Lease lease) {
        UpdateItemRequest request = ownerUpdate(lease)
                .updateExpression("REMOVE #owner, #purpose SET #expiresAt = :now")
                .conditionExpression("#version = :token AND (#owner = :owner OR attribute_not_exists(#owner))")
                .expressionAttributeNames(Map.of(NAMES_OWNER, OWNER, NAMES_PURPOSE, PURPOSE, NAMES_VERSION, VERSION,
                        NAMES_EXPIRES, EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":owner", s(lease.owner()), ":token", n(lease.fencingToken()), ":now", n(clock.millis())))
                .build();
        try {
            Conflicts.retrying("release of lock " + lease.clusterId(), () -> client.updateItem(request));
        } catch (ConditionalCheckFailedException e) {
            throw notOwner("release", lease, e.item());
        }
    }

    /** The lease currently in force on the cluster, if any (an expired one is not). */
    public Optional<Lease> current(String clusterId) {
        ItemLimits.checkPartitionKey(table.tableName(), CLUSTER_ID, clusterId);
        LockItem item = table.getItem(r -> r.key(Key.builder().partitionValue(clusterId).build()).consistentRead(true));
        if (item == null || item.getOwner() == null || item.getExpiresAt() <= clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(lease(item));
    }

    /**
     * Adds to {@code transaction} the check that {@code lease} is still the lock's current lease:
     * same owner, same version, not expired by this class's clock. Add it first.
     */
    void guard(Transaction transaction, Lease lease) {
        transaction.check(table, Key.builder().partitionValue(lease.clusterId()).build(),
                Expression.builder()
                        .expression("#owner = :owner AND #version = :token AND #expiresAt > :now")
                        .expressionNames(Map.of(NAMES_OWNER, OWNER, NAMES_VERSION, VERSION, NAMES_EXPIRES, EXPIRES_AT))
                        .expressionValues(Map.of(
                                ":owner", s(lease.owner()), ":token", n(lease.fencingToken()), ":now", n(clock.millis())))
                        .build(),
                lock -> stale(lease, lock));
    }

    private StaleFencingTokenException stale(Lease lease, Map<String, AttributeValue> lock) {
        String prefix = "write under lease " + lease.fencingToken() + " of " + lease.owner() + " on cluster "
                + lease.clusterId() + " refused: ";
        if (lock == null) {
            return new StaleFencingTokenException(prefix + "the cluster has no lock");
        }
        LockItem current = table.tableSchema().mapToItem(lock);
        if (current.getVersion() != lease.fencingToken()) {
            return new StaleFencingTokenException(prefix + "the lock is now at token " + current.getVersion()
                    + (current.getOwner() == null ? " and free" : ", held by " + current.getOwner()));
        }
        if (current.getOwner() == null) {
            return new StaleFencingTokenException(prefix + "the lease was released");
        }
        return new StaleFencingTokenException(prefix + "the lease expired at " + Instant.ofEpochMilli(current.getExpiresAt()));
    }

    private NotLockOwnerException notOwner(String verb, Lease lease, Map<String, AttributeValue> lock) {
        LockItem current = lock == null || lock.isEmpty() ? null : table.tableSchema().mapToItem(lock);
        String state = current == null ? "the cluster has no lock"
                : current.getOwner() == null ? "the lock is free at token " + current.getVersion()
                : "the lock is held by " + current.getOwner() + " at token " + current.getVersion();
        return new NotLockOwnerException(lease.owner() + " cannot " + verb + " lease " + lease.fencingToken()
                + " on cluster " + lease.clusterId() + ": " + state);
    }

    private UpdateItemRequest.Builder ownerUpdate(Lease lease) {
        return UpdateItemRequest.builder()
                .tableName(table.tableName())
                .key(key(lease.clusterId()))
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    private Lease lease(Map<String, AttributeValue> attributes) {
        return lease(table.tableSchema().mapToItem(attributes));
    }

    private static Lease lease(LockItem item) {
        return new Lease(item.getClusterId(), item.getOwner(),
                LeasePurpose.valueOf(item.getPurpose().toUpperCase(Locale.ROOT)),
                item.getVersion(), Instant.ofEpochMilli(item.getExpiresAt()));
    }

    private static Map<String, AttributeValue> key(String clusterId) {
        return Map.of(CLUSTER_ID, s(clusterId));
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requirePositive(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
