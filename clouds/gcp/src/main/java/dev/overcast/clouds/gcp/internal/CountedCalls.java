package dev.overcast.clouds.gcp.internal;

import com.google.api.gax.httpjson.ApiMethodDescriptor;
import com.google.api.gax.httpjson.ForwardingHttpJsonClientCall;
import com.google.api.gax.httpjson.ForwardingHttpJsonClientCallListener;
import com.google.api.gax.httpjson.HttpJsonCallOptions;
import com.google.api.gax.httpjson.HttpJsonChannel;
import com.google.api.gax.httpjson.HttpJsonClientCall;
import com.google.api.gax.httpjson.HttpJsonClientInterceptor;
import com.google.api.gax.httpjson.HttpJsonMetadata;
import dev.overcast.core.telemetry.CloudCalls;

/**
 * Counts every call the Compute clients send (gax opens a call per attempt, so retries count) under
 * the REST method's name as the API's discovery document spells it without the {@code compute.}
 * prefix ({@code instances.insert}, {@code globalOperations.wait}), and the attempts answered 429.
 * Compute's other throttling answer, 403 {@code rateLimitExceeded}, shares its status with refusals
 * and is not counted here.
 */
final class CountedCalls implements HttpJsonClientInterceptor {
    static final String CLOUD = "gcp";

    @Override
    public <Q, R> HttpJsonClientCall<Q, R> interceptCall(ApiMethodDescriptor<Q, R> method, HttpJsonCallOptions options,
                                                           HttpJsonChannel next) {
        String action = action(method.getFullMethodName());
        CloudCalls.sent(CLOUD, action);
        return new ForwardingHttpJsonClientCall.SimpleForwardingHttpJsonClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, HttpJsonMetadata headers) {
                super.start(new ForwardingHttpJsonClientCallListener.SimpleForwardingHttpJsonClientCallListener<>(listener) {
                    @Override
                    public void onClose(int status, HttpJsonMetadata trailers) {
                        if (status == 429) {
                            CloudCalls.throttled(CLOUD, action);
                        }
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }

    /** {@code google.cloud.compute.v1.Instances/Insert} → {@code instances.insert}. */
    static String action(String fullMethodName) {
        String serviceAndMethod = fullMethodName.substring(fullMethodName.lastIndexOf('.') + 1);
        int slash = serviceAndMethod.indexOf('/');
        return slash < 0 ? serviceAndMethod
                : lowerFirst(serviceAndMethod.substring(0, slash)) + "." + lowerFirst(serviceAndMethod.substring(slash + 1));
    }

    private static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
