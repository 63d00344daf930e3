package dev.overcast.clouds.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.cloud.exceptions.CloudException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import org.junit.jupiter.api.Test;

class AwsErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "RequestLimitExceeded, 503, true",
            "InternalError, 500, true",
            "Unavailable, 503, true",
            "InvalidVpcID.NotFound, 400, true",
            "InvalidInstanceID.NotFound, 400, true",
            "DependencyViolation, 400, true",
            "IncorrectState, 400, true",
            "InvalidAMIID.NotFound, 400, false",
            "InvalidParameterValue, 400, false",
            "VpcLimitExceeded, 400, false",
            "AddressLimitExceeded, 400, false",
            "UnauthorizedOperation, 403, false"})
    void classify_shouldKeepCodeAndMessage_andDecideRetryable(String code, int status, boolean retryable) {
        CloudException classified = AwsErrors.classify("CreateVpc", failure(code, status));

        assertThat(classified.retryable()).isEqualTo(retryable);
        assertThat(classified.code()).isEqualTo(code);
        assertThat(classified.operation()).isEqualTo("CreateVpc");
        assertThat(classified.getMessage()).contains("the cloud said " + code);
    }

    @Test
    void unlessDone_shouldSucceed_whenEc2SaysTheEffectIsInPlace_andClassifyAnyOtherFailure() {
        AwsErrors.unlessDone("AuthorizeSecurityGroupIngress", "InvalidPermission.Duplicate",
                () -> { throw failure("InvalidPermission.Duplicate", 400); });

        assertThatThrownBy(() -> AwsErrors.unlessDone("AuthorizeSecurityGroupIngress", "InvalidPermission.Duplicate",
                () -> { throw failure("InvalidGroup.NotFound", 400); }))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.code()).isEqualTo("InvalidGroup.NotFound"));
    }

    private static Ec2Exception failure(String code, int status) {
        return (Ec2Exception) Ec2Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("the cloud said " + code).build())
                .build();
    }

    @Test
    void classify_shouldBeRetryable_whenEc2NeverAnswered() {
        CloudException classified = AwsErrors.classify("DescribeVpcs", SdkClientException.create("Connection refused"));

        assertThat(classified.retryable()).isTrue();
        assertThat(classified.code()).isEqualTo("ClientError");
    }
}
