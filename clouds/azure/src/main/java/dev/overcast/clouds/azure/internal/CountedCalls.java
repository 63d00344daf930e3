package dev.overcast.clouds.azure.internal;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import dev.overcast.core.telemetry.CloudCalls;
import java.util.Arrays;
import java.util.List;

/**
 * Counts every attempt (the policy sits after the retry policy, so each retry is counted, as ARM sees
 * it) under an action named by the verb and the resource type of the path ({@code PUT virtualNetworks},
 * {@code LIST subnets}, {@code GET operations}), and the attempts ARM throttled: 429, as documented in
 * https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling
 */
final class CountedCalls extends HttpPipelineSyncPolicy {
    static final String CLOUD = "azure";
    private static final String PROVIDERS = "providers";

    @Override
    protected HttpResponse afterReceivedResponse(HttpPipelineCallContext context, HttpResponse response) {
        String action = action(context.getHttpRequest().getHttpMethod().name(), context.getHttpRequest().getUrl().getPath());
        CloudCalls.sent(CLOUD, action);
        if (response.getStatusCode() == 429) {
            CloudCalls.throttled(CLOUD, action);
        }
        return response;
    }

    /**
     * ARM paths alternate type and name after the subscription, or after {@code providers/<namespace>}:
     * the last type names the action; a GET without a name after it lists.
     */
    static String action(String method, String path) {
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        int providers = segments.lastIndexOf(PROVIDERS);
        int from = providers >= 0 ? providers + 2 : Math.min(2, segments.size());
        List<String> typed = segments.subList(Math.min(from, segments.size()), segments.size());
        if (typed.isEmpty()) {
            return method + " subscriptions";
        }
        String type = typed.get((typed.size() - 1) / 2 * 2);
        boolean named = typed.size() % 2 == 0;
        return (method.equals("GET") && !named ? "LIST" : method) + " " + type;
    }
}
