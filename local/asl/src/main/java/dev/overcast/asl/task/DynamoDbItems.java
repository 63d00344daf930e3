package dev.overcast.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.StatesError;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The optimised DynamoDB integrations {@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem}:
 * parameters are the API request in DynamoDB JSON, the result is the API response. A service error
 * surfaces as {@code DynamoDB.<ErrorCode>}, as on AWS.
 */
public final class DynamoDbItems implements TaskResource {
    private static final String PREFIX = "arn:aws:states:::dynamodb:";

    private final Map<String, Function<JsonNode, SdkPojo>> operations;

    public DynamoDbItems(DynamoDbClient client) {
        operations = Map.of(
                "getItem", p -> client.getItem(SdkJson.fill(GetItemRequest.builder(), p, "getItem").build()),
                "putItem", p -> client.putItem(SdkJson.fill(PutItemRequest.builder(), p, "putItem").build()),
                "updateItem", p -> client.updateItem(SdkJson.fill(UpdateItemRequest.builder(), p, "updateItem").build()),
                "deleteItem", p -> client.deleteItem(SdkJson.fill(DeleteItemRequest.builder(), p, "deleteItem").build()));
    }

    @Override
    public boolean handles(String resource) {
        return resource.startsWith(PREFIX) && operations.containsKey(resource.substring(PREFIX.length()));
    }

    @Override
    public String resourceType(String resource) {
        return "dynamodb";
    }

    @Override
    public JsonNode invoke(TaskCall call) {
        String operation = call.resource().substring(PREFIX.length());
        try {
            return SdkJson.toJson(operations.get(operation).apply(call.parameters()));
        } catch (IllegalArgumentException e) {
            throw new StatesError("DynamoDB.ValidationException", e.getMessage());
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "DynamoDbException" : e.awsErrorDetails().errorCode();
            throw new StatesError("DynamoDB." + code, e.getMessage());
        }
    }
}
