package dev.overcast.store.internal;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A row of the progress table: one event of one execution. {@code eventKey} orders the events
 * (time, then a per-process counter, then a random tie-break) and {@code expiresAt} (epoch
 * seconds) is the table's TTL attribute.
 */
@DynamoDbBean
public class ProgressItem {
    public static final String BY_CLUSTER = "cluster-index";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private String executionId;
    private String eventKey;
    private String clusterId;
    private String step;
    private String status;
    private Instant at;
    private String detail;
    private Long expiresAt;

    @DynamoDbPartitionKey
    public String getExecutionId() {
        return executionId;
    }

    public void setExecutionId(String executionId) {
        this.executionId = executionId;
    }

    @DynamoDbSortKey
    @DynamoDbSecondarySortKey(indexNames = BY_CLUSTER)
    public String getEventKey() {
        return eventKey;
    }

    public void setEventKey(String eventKey) {
        this.eventKey = eventKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CLUSTER)
    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Instant getAt() {
        return at;
    }

    public void setAt(Instant at) {
        this.at = at;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
