package dev.overcast.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A row of the locks table: the lease on one cluster. The row is never deleted (a release only
 * clears the owner) so that {@code version}, the fencing token, keeps growing for the cluster's
 * whole life; that is also why this table has no TTL.
 */
@DynamoDbBean
public class LockItem {
    public static final String CLUSTER_ID = "clusterId";
    public static final String OWNER = "owner";
    public static final String PURPOSE = "purpose";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String ACQUIRED_AT = "acquiredAt";
    public static final String VERSION = "version";

    private String clusterId;
    private String owner;
    private String purpose;
    private Long expiresAt;
    private Long acquiredAt;
    private Long version;

    @DynamoDbPartitionKey
    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    /** Epoch milliseconds; numbers so that conditions compare them. */
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Long getAcquiredAt() {
        return acquiredAt;
    }

    public void setAcquiredAt(Long acquiredAt) {
        this.acquiredAt = acquiredAt;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
