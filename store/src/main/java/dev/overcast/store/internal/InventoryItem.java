package dev.overcast.store.internal;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A row of the inventory table: one cloud resource of a cluster, keyed by its deterministic name. */
@DynamoDbBean
public class InventoryItem {
    private String clusterId;
    private String name;
    private String kind;
    private String cloud;
    private String region;
    private String cloudId;
    private String state;
    private Map<String, String> attributes;
    private Instant observedAt;
    private Long fencingToken;
    private String historyExecution;
    private Instant createStarted;
    private Instant deleteStarted;
    private Instant firstTried;
    private String waitingOn;
    private Instant waitingSince;

    @DynamoDbPartitionKey
    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    @DynamoDbSortKey
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getCloud() {
        return cloud;
    }

    public void setCloud(String cloud) {
        this.cloud = cloud;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getCloudId() {
        return cloudId;
    }

    public void setCloudId(String cloudId) {
        this.cloudId = cloudId;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    public Instant getObservedAt() {
        return observedAt;
    }

    public void setObservedAt(Instant observedAt) {
        this.observedAt = observedAt;
    }

    /** The lease token under which this row was last written: who wrote it, for audits. */
    public Long getFencingToken() {
        return fencingToken;
    }

    public void setFencingToken(Long fencingToken) {
        this.fencingToken = fencingToken;
    }

    /** The execution the converge history below is about (see {@code History}). */
    public String getHistoryExecution() {
        return historyExecution;
    }

    public void setHistoryExecution(String historyExecution) {
        this.historyExecution = historyExecution;
    }

    public Instant getCreateStarted() {
        return createStarted;
    }

    public void setCreateStarted(Instant createStarted) {
        this.createStarted = createStarted;
    }

    public Instant getDeleteStarted() {
        return deleteStarted;
    }

    public void setDeleteStarted(Instant deleteStarted) {
        this.deleteStarted = deleteStarted;
    }

    public Instant getFirstTried() {
        return firstTried;
    }

    public void setFirstTried(Instant firstTried) {
        this.firstTried = firstTried;
    }

    public String getWaitingOn() {
        return waitingOn;
    }

    public void setWaitingOn(String waitingOn) {
        this.waitingOn = waitingOn;
    }

    public Instant getWaitingSince() {
        return waitingSince;
    }

    public void setWaitingSince(Instant waitingSince) {
        this.waitingSince = waitingSince;
    }
}
