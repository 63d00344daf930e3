package dev.overcast.store.internal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A tenant's claim on a cluster name, kept in the clusters table beside the cluster rows (DynamoDB's
 * one-table habit: the claim and the row it points at are written in one transaction). Its key,
 * {@code name/<tenant>/<name>}, holds a {@code /}, which no cluster id can, and it has no tenant
 * attribute, so it is in no tenant-index listing. A released claim (its cluster deleted) still leads
 * to that cluster until a create of the name takes it over.
 */
@DynamoDbBean
public class NameClaimItem {
    public static final String KEY_PREFIX = "name/";

    private String key;
    private String claimedBy;
    private Boolean released;

    public static String key(String tenant, String name) {
        return KEY_PREFIX + tenant + "/" + name;
    }

    @DynamoDbPartitionKey
    @DynamoDbAttribute("clusterId")
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    /** The id of the cluster holding the name. */
    public String getClaimedBy() {
        return claimedBy;
    }

    public void setClaimedBy(String claimedBy) {
        this.claimedBy = claimedBy;
    }

    public Boolean getReleased() {
        return released;
    }

    public void setReleased(Boolean released) {
        this.released = released;
    }
}
