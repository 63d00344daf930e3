package dev.overcast.asl.sam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.Interpreter;
import dev.overcast.asl.StateMachine;
import dev.overcast.asl.clock.ExecutionClock;
import dev.overcast.asl.quota.ServiceQuotas;
import dev.overcast.asl.task.DynamoDbItems;
import dev.overcast.asl.task.LambdaInvoke;
import dev.overcast.asl.task.StartExecution;
import dev.overcast.asl.task.TaskResources;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A template "deployed" locally: one interpreter with the Lambda, child-execution and (when a client
 * is given) DynamoDB integrations, and every state machine of the template parsed and startable by
 * name or ARN.
 */
public final class SamDeployment {
    private final Interpreter interpreter;
    private final Map<String, StateMachine> machines = new LinkedHashMap<>();

    private SamDeployment(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    public static SamDeployment deploy(SamTemplate template,
                                       Function<String, Optional<Function<JsonNode, JsonNode>>> beans,
                                       DynamoDbClient dynamoDb, ExecutionClock clock) {
        return deploy(template, beans, dynamoDb, clock, ServiceQuotas.defaults());
    }

    /** As above, on an interpreter playing the given quotas and overheads. */
    public static SamDeployment deploy(SamTemplate template,
                                       Function<String, Optional<Function<JsonNode, JsonNode>>> beans,
                                       DynamoDbClient dynamoDb, ExecutionClock clock, ServiceQuotas quotas) {
        StartExecution children = new StartExecution();
        TaskResources tasks = TaskResources.none()
                .with(new LambdaInvoke(template.lambdaFunctions(beans)))
                .with(children);
        if (dynamoDb != null) {
            tasks = tasks.with(new DynamoDbItems(dynamoDb));
        }
        SamDeployment deployment = new SamDeployment(new Interpreter(tasks, clock, quotas));
        for (SamTemplate.SamStateMachine machine : template.stateMachines().values()) {
            StateMachine parsed = deployment.interpreter.parse(machine.definition());
            children.register(machine.arn(), parsed);
            deployment.machines.put(machine.name(), parsed);
        }
        return deployment;
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    /** A state machine by its name (the SAM Name property, else the logical id). */
    public Optional<StateMachine> machine(String name) {
        return Optional.ofNullable(machines.get(name));
    }
}
