package dev.overcast.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.ResourceView;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.runtime.world.LocalWorld;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Inputs and checks the reliability tests share: small AWS clusters in the local world, console API requests. */
final class Clusters {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGION = "us-east-1";

    private Clusters() {
    }

    static ObjectNode create(String name, int workers) {
        ObjectNode input = JSON.createObjectNode().put("tenant", "t1").put("clusterId", name);
        ObjectNode spec = input.putObject("spec").put("name", name);
        spec.putArray("clouds").add("aws");
        spec.putObject("regions").put("aws", REGION);
        spec.putObject("masters").put("count", 1).put("size", "small");
        spec.putObject("workers").putObject("aws").put("count", workers).put("size", "small");
        return input;
    }

    static ObjectNode cluster(String id) {
        return JSON.createObjectNode().put("clusterId", id);
    }

    static ObjectNode scale(String id, int workers) {
        return cluster(id).put("cloud", "aws").put("workers", workers);
    }

    /** A console API request as API Gateway passes it to the bean once the authorizer vouched for the tenant. */
    static APIGatewayProxyRequestEvent apiEvent(String tenant, String method, String resource, String path, String body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(Map.of("claims", Map.of("custom:tenant", tenant)));
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withResource(resource).withPath(path)
                .withHeaders(headers).withBody(body).withIsBase64Encoded(false).withRequestContext(context);
    }

    static void assertSucceeded(ExecutionResult result) {
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
    }

    /** (type, planned name) pairs the AWS account holds more than once for the cluster. */
    static Map<String, Long> duplicates(LocalWorld world, String cluster) {
        List<ResourceView> owned = world.cloudSim().world().resources("aws", LocalWorld.AWS_ACCOUNT).stream()
                .filter(r -> OwnershipTags.ownedBy(Cloud.AWS, r.tags(), cluster)).toList();
        return owned.stream().collect(Collectors.groupingBy(r -> r.type() + " " + OwnershipTags.resourceName(Cloud.AWS, r.tags()),
                Collectors.counting())).entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
