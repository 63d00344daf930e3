package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** How an execution ended. {@code output} is set when it succeeded, {@code error}/{@code cause} (nullable) when it failed. */
public record ExecutionResult(String executionArn, Status status, JsonNode output, String error, String cause,
                              List<HistoryEvent> history) {

    public enum Status { SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
