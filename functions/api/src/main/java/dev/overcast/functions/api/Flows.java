package dev.overcast.functions.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * Starting and inspecting flows, only through the Step Functions SDK: on AWS against the service,
 * locally against the runtime's endpoint that speaks the same protocol in front of the interpreter.
 *
 * @param machineArns every flow's state machine ARN
 */
public record Flows(SfnClient sfn, Map<Flow, String> machineArns) {
    /** Step Functions execution names: at most 80 of {@code [A-Za-z0-9-_]}; ours are {@code <cluster>-<flow>-<8 hex>}. */
    private static final int SUFFIX_LENGTH = 8;

    /** Starts {@code flow} for a cluster with a JSON input and returns the execution ARN. */
    public String start(Flow flow, String clusterId, String input) {
        String name = clusterId + "-" + flow.name().toLowerCase().replace('_', '-') + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, SUFFIX_LENGTH);
        return sfn.startExecution(r -> r.stateMachineArn(machineArn(flow)).name(name).input(input)).executionArn();
    }

    public Optional<DescribeExecutionResponse> describe(String executionArn) {
        try {
            return Optional.of(sfn.describeExecution(r -> r.executionArn(executionArn)));
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** The state the execution entered last, if it entered any. */
    public Optional<String> currentState(String executionArn) {
        try {
            return sfn.getExecutionHistory(r -> r.executionArn(executionArn).reverseOrder(true).maxResults(50)
                            .includeExecutionData(false))
                    .events().stream()
                    .filter(e -> e.stateEnteredEventDetails() != null)
                    .map(e -> e.stateEnteredEventDetails().name())
                    .findFirst();
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** Stops a running execution (idempotent for one that ended); returns when it was stopped. */
    public Instant stop(String executionArn, String cause) {
        return sfn.stopExecution(r -> r.executionArn(executionArn).error("Overcast.Stopped").cause(cause)).stopDate();
    }

    private String machineArn(Flow flow) {
        String arn = machineArns.get(flow);
        if (arn == null) {
            throw new IllegalStateException("no state machine ARN configured for " + flow.machine());
        }
        return arn;
    }
}
