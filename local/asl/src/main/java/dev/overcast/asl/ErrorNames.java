package dev.overcast.asl;

import java.util.Set;

/** The predefined error names of the States Language and how retriers and catchers match them. */
public final class ErrorNames {
    public static final String ALL = "States.ALL";
    public static final String RUNTIME = "States.Runtime";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    public static final String PERMISSIONS = "States.Permissions";
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

    /** Lambda's throttling error as the Lambda integration names it (a regional concurrency limit was hit). */
    public static final String LAMBDA_THROTTLED = "Lambda.TooManyRequestsException";
    /** The Step Functions API's throttling error as the startExecution integration names it. */
    public static final String STEP_FUNCTIONS_THROTTLED = "StepFunctions.ThrottlingException";

    /** Every name a definition may use with the reserved {@code States.} prefix. */
    public static final Set<String> RESERVED = Set.of(ALL, RUNTIME, DATA_LIMIT_EXCEEDED, TASK_FAILED, TIMEOUT,
            HEARTBEAT_TIMEOUT, BRANCH_FAILED, INTRINSIC_FAILURE, RESULT_PATH_MATCH_FAILURE, PARAMETER_PATH_FAILURE,
            NO_CHOICE_MATCHED, EXCEED_TOLERATED_FAILURE_THRESHOLD, QUERY_EVALUATION_ERROR, PERMISSIONS,
            ITEM_READER_FAILED, RESULT_WRITER_FAILED);

    private ErrorNames() {
    }

    /**
     * Whether an ErrorEquals entry matches an error. {@code States.ALL} matches everything but the two
     * terminal errors; {@code States.TaskFailed} matches everything but a timeout, as AWS documents.
     */
    public static boolean matches(String pattern, String error) {
        if (pattern.equals(error)) {
            return true;
        }
        boolean terminal = RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
        return switch (pattern) {
            case ALL -> !terminal;
            case TASK_FAILED -> !terminal && !TIMEOUT.equals(error);
            default -> false;
        };
    }
}
