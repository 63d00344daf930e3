package dev.overcast.functions.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
        return start(flow, clusterId, input, Optional.empty());
    }

    /**
     * Starts {@code flow}; with a seed, the execution's name is derived from it, so starting again with
     * the same seed and input is answered with the same execution (Step Functions' StartExecution is
     * idempotent for a name and input), and with another input is refused.
     */
    public String start(Flow flow, String clusterId, String input, Optional<String> seed) {
        String suffix = seed.map(Flows::digest).orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        String name = clusterId + "-" + flow.name().toLowerCase().replace('_', '-') + "-" + suffix.substring(0, SUFFIX_LENGTH);
        return sfn.startExecution(r -> r.stateMachineArn(machineArn(flow)).name(name).input(input)).executionArn();
    }

    private static String digest(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
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
