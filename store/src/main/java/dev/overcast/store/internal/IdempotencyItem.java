package dev.overcast.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A row of the idempotency table: the answer given to the first request that carried a key.
 * {@code idempotencyKey} is {@code tenant/key}, so tenants cannot collide; {@code expiresAt} (epoch
 * seconds) is the table's TTL attribute.
 */
@DynamoDbBean
public class IdempotencyItem {
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private String idempotencyKey;
    private String request;
    private Integer status;
    private String location;
    private String body;
    private Long expiresAt;

    @DynamoDbPartitionKey
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }

    public Integer getStatus() {
        return status;
    }

    public void setStatus(Integer status) {
        this.status = status;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
