package dev.overcast.store.internal;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** A row of the clusters table; {@code version} is maintained by the Enhanced Client's versioned-record extension. */
@DynamoDbBean
public class ClusterItem {
    public static final String BY_TENANT = "tenant-index";

    private String clusterId;
    private String tenant;
    private String spec;
    private String status;
    private String statusReason;
    private Long version;
    private Long lastAppliedChange;
    private Instant createdAt;
    private Instant updatedAt;
    private String name;
    private String pins;

    @DynamoDbPartitionKey
    @DynamoDbSecondarySortKey(indexNames = BY_TENANT)
    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_TENANT)
    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    public String getSpec() {
        return spec;
    }

    public void setSpec(String spec) {
        this.spec = spec;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public void setStatusReason(String statusReason) {
        this.statusReason = statusReason;
    }

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public Long getLastAppliedChange() {
        return lastAppliedChange;
    }

    public void setLastAppliedChange(Long lastAppliedChange) {
        this.lastAppliedChange = lastAppliedChange;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** The cluster's name, unique within its tenant while the cluster lives (see {@link NameClaimItem}). */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPins() {
        return pins;
    }

    public void setPins(String pins) {
        this.pins = pins;
    }
}
