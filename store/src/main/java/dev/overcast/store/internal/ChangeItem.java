package dev.overcast.store.internal;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A row of the changes table. Sequence 0 of every cluster is the queue's head row, which only holds
 * {@code lastSeq}, the sequence most recently handed out; changes are numbered from 1.
 */
@DynamoDbBean
public class ChangeItem {
    public static final long HEAD = 0;

    private String clusterId;
    private Long seq;
    private Long lastSeq;
    private String changeId;
    private String kind;
    private String payload;
    private String state;
    private Instant enqueuedAt;
    private Instant appliedAt;
    private Long appliedUnderToken;

    @DynamoDbPartitionKey
    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    @DynamoDbSortKey
    public Long getSeq() {
        return seq;
    }

    public void setSeq(Long seq) {
        this.seq = seq;
    }

    public Long getLastSeq() {
        return lastSeq;
    }

    public void setLastSeq(Long lastSeq) {
        this.lastSeq = lastSeq;
    }

    public String getChangeId() {
        return changeId;
    }

    public void setChangeId(String changeId) {
        this.changeId = changeId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Instant getEnqueuedAt() {
        return enqueuedAt;
    }

    public void setEnqueuedAt(Instant enqueuedAt) {
        this.enqueuedAt = enqueuedAt;
    }

    public Instant getAppliedAt() {
        return appliedAt;
    }

    public void setAppliedAt(Instant appliedAt) {
        this.appliedAt = appliedAt;
    }

    public Long getAppliedUnderToken() {
        return appliedUnderToken;
    }

    public void setAppliedUnderToken(Long appliedUnderToken) {
        this.appliedUnderToken = appliedUnderToken;
    }
}
