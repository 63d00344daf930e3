package dev.overcast.clouds.aws.internal;

import dev.overcast.core.telemetry.CloudCalls;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every attempt the SDK sends (retries included, as the cloud sees them) under its operation
 * name, and the attempts EC2 refused for their rate: RequestLimitExceeded comes back as HTTP 503
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html), other AWS APIs answer 429.
 */
final class CountedCalls implements ExecutionInterceptor {
    static final String CLOUD = "aws";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CloudCalls.sent(CLOUD, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        int status = context.httpResponse().statusCode();
        if (status == 429 || status == 503) {
            CloudCalls.throttled(CLOUD, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }
}
