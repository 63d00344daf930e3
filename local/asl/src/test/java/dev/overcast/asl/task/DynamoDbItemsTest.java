package dev.overcast.asl.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.Interpreter;
import dev.overcast.asl.Json;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.dynamodb.local.LocalDynamoDb;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The DynamoDB integrations against DynamoDB Local, in-process (telemetry off), through a real SDK client. */
class DynamoDbItemsTest {
    private static LocalDynamoDb local;
    private static Interpreter interpreter;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = LocalDynamoDb.start();
        DynamoDbClient client = local.client();
        client.createTable(b -> b.tableName("clusters").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        interpreter = new Interpreter(TaskResources.none().with(new DynamoDbItems(client)),
                new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        local.close();
    }

    @Test
    void items_shouldBeWrittenUpdatedReadAndDeleted_throughTaskStates() {
        ExecutionResult result = interpreter.execute(interpreter.parse(Json.parse("""
                {"StartAt": "Put", "States": {
                  "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "ResultPath": null,
                    "Parameters": {"TableName": "clusters", "Item": {"id": {"S.$": "$.id"}, "status": {"S": "creating"}}},
                    "Next": "Update"},
                  "Update": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem", "ResultPath": null,
                    "Parameters": {"TableName": "clusters", "Key": {"id": {"S.$": "$.id"}},
                      "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"},
                      "ExpressionAttributeValues": {":s": {"S": "ready"}}},
                    "Next": "Get"},
                  "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "ResultPath": "$.read",
                    "Parameters": {"TableName": "clusters", "Key": {"id": {"S.$": "$.id"}}}, "Next": "Delete"},
                  "Delete": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:deleteItem", "ResultPath": null,
                    "Parameters": {"TableName": "clusters", "Key": {"id": {"S.$": "$.id"}}}, "End": true}}}""")),
                "dynamo", Json.parse("{\"id\": \"c1\"}"));

        assertThat(result.succeeded()).as("%s %s", result.error(), result.cause()).isTrue();
        assertThat(result.output().at("/read/Item")).isEqualTo(Json.parse("""
                {"id": {"S": "c1"}, "status": {"S": "ready"}}"""));
    }

    @Test
    void conditionalCheckFailure_shouldSurfaceAsDynamoDbError() {
        ExecutionResult result = interpreter.execute(interpreter.parse(Json.parse("""
                {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": {"TableName": "clusters", "Item": {"id": {"S": "absent"}},
                    "ConditionExpression": "attribute_exists(id)"}, "End": true}}}""")),
                "dynamo", Json.object());

        assertThat(result.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
    }
}
