package dev.overcast.asl.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One service integration: the Task resources it handles and how it runs them. A failure is thrown
 * as a {@link dev.overcast.asl.StatesError} with the error name AWS would report.
 */
public interface TaskResource {

    /** Whether this integration runs the given Resource ARN. */
    boolean handles(String resource);

    /** The history's resourceType for this resource, e.g. {@code lambda}. */
    String resourceType(String resource);

    /** Runs the task with its effective parameters and returns its result. */
    JsonNode invoke(TaskCall call);
}
