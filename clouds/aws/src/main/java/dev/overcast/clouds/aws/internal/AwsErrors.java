package dev.overcast.clouds.aws.internal;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.exceptions.CloudException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what EC2 says into the SPI's two classes, keeping EC2's code and message. The SDK has already
 * retried (adaptive mode) by the time an exception reaches here; what is retryable now is for the flow
 * to retry later.
 */
public final class AwsErrors {

    /**
     * Not-found codes of the resources (and attachments) Overcast itself creates. EC2 is eventually consistent: an id
     * returned by a create may be unknown to the next call for a few seconds, so these are retryable.
     * Other not-found codes (an image id, a key pair) name bad input and stay terminal.
     */
    private static final Set<String> OWN_NOT_FOUND = Set.of(
            "InvalidVpcID.NotFound",
            "InvalidSubnetID.NotFound",
            "InvalidGroup.NotFound",
            "InvalidInternetGatewayID.NotFound",
            "InvalidRouteTableID.NotFound",
            "InvalidAllocationID.NotFound",
            "InvalidVpnGatewayID.NotFound",
            "InvalidCustomerGatewayID.NotFound",
            "InvalidVpnConnectionID.NotFound",
            "InvalidInstanceID.NotFound",
            "InvalidVpnGatewayAttachment.NotFound",
            "InvalidAssociationID.NotFound",
            "Gateway.NotAttached");

    /** Codes that say "not now": dependents still going away, or a resource still changing state. */
    private static final Set<String> NOT_NOW = Set.of(
            "DependencyViolation",
            "IncorrectState",
            "IncorrectInstanceState",
            "InvalidIPAddress.InUse",
            "InsufficientInstanceCapacity",
            "InsufficientAddressCapacity",
            "RequestExpired",
            "Unavailable",
            "ServiceUnavailable",
            "InternalError",
            "InternalFailure");

    private AwsErrors() {
    }

    public static CloudException classify(String operation, SdkException failure) {
        if (!(failure instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            // No answer from EC2 at all (connection refused, timeout): the call may not have arrived.
            return new RetryableCloudException(Cloud.AWS, operation, "ClientError", failure.getMessage(), failure);
        }
        String code = String.valueOf(service.awsErrorDetails().errorCode());
        String message = service.awsErrorDetails().errorMessage();
        boolean retryable = service.isThrottlingException()
                || service.statusCode() >= 500
                || OWN_NOT_FOUND.contains(code)
                || NOT_NOW.contains(code);
        return retryable
                ? new RetryableCloudException(Cloud.AWS, operation, code, message, failure)
                : new TerminalCloudException(Cloud.AWS, operation, code, message, failure);
    }

    public static boolean notFound(SdkException failure) {
        return failure instanceof AwsServiceException service
                && service.awsErrorDetails() != null
                && OWN_NOT_FOUND.contains(service.awsErrorDetails().errorCode());
    }

    /** Runs one EC2 call; its failure becomes a classified {@link CloudException}. */
    public static <T> T call(String operation, Supplier<T> ec2Call) {
        try {
            return ec2Call.get();
        } catch (SdkException failure) {
            throw classify(operation, failure);
        }
    }

    /** Runs one EC2 call about a resource that may be gone already: empty when it is. */
    public static <T> Optional<T> unlessGone(String operation, Supplier<T> ec2Call) {
        try {
            return Optional.ofNullable(ec2Call.get());
        } catch (SdkException failure) {
            if (notFound(failure)) {
                return Optional.empty();
            }
            throw classify(operation, failure);
        }
    }

    /**
     * Runs one EC2 call that adds or takes away part of a resource (a security group rule), for which
     * {@code doneCode} says its effect is in place already: a repeat after a lost answer is a success.
     */
    public static void unlessDone(String operation, String doneCode, Runnable ec2Call) {
        try {
            ec2Call.run();
        } catch (SdkException failure) {
            if (!(failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && doneCode.equals(service.awsErrorDetails().errorCode()))) {
                throw classify(operation, failure);
            }
        }
    }

    /** Runs one EC2 delete-like call for which "already gone" is success. */
    public static void removing(String operation, Runnable ec2Call) {
        try {
            ec2Call.run();
        } catch (SdkException failure) {
            if (!notFound(failure)) {
                throw classify(operation, failure);
            }
        }
    }
}
