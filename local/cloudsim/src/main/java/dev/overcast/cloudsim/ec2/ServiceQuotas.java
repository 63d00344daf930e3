package dev.overcast.cloudsim.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.cloudsim.world.World;
import java.io.IOException;
import java.util.List;

/**
 * Service Quotas' {@code ListServiceQuotas} (JSON 1.1 protocol, {@code X-Amz-Target}) on the AWS front's
 * endpoint: the quotas a preflight compares with a spec, each read from the world's {@link Quotas}, so a test
 * that lowers a limit sees the preflight fail and the create fail alike.
 */
final class ServiceQuotas {

    static final String TARGET_PREFIX = "ServiceQuotasV20190624.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One quota: its service, code (blank where none is published here), name and the world's quota type. */
    private record Known(String service, String code, String name, String worldType) {}

    private static final List<Known> KNOWN = List.of(
            new Known("vpc", "L-F678F1CE", "VPCs per Region", "vpc"),
            new Known("vpc", "", "Virtual private gateways per Region", "vpn-gateway"),
            new Known("ec2", "L-0263D0A3", "EC2-VPC Elastic IPs", "elastic-ip"),
            new Known("ec2", "L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", "vcpu-standard"));

    private final World world;

    ServiceQuotas(World world) {
        this.world = world;
    }

    /** The operation's name as the call log records it, e.g. {@code ListServiceQuotas}. */
    static String operation(String target) {
        return target.substring(TARGET_PREFIX.length());
    }

    String answer(String operation, String body) {
        if (!operation.equals("ListServiceQuotas")) {
            throw new CloudError("UnknownOperationException", "Unknown operation " + operation);
        }
        String service;
        try {
            JsonNode request = JSON.readTree(body.isEmpty() ? "{}" : body);
            service = request.path("ServiceCode").asText("");
        } catch (IOException e) {
            throw new CloudError("SerializationException", "Cannot read the request: " + e.getMessage());
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode quotas = answer.putArray("Quotas");
        KNOWN.stream().filter(k -> k.service().equals(service)).forEach(k -> {
            ObjectNode quota = quotas.addObject().put("ServiceCode", k.service()).put("QuotaName", k.name())
                    .put("Value", (double) world.quotas().of(Ec2Call.FRONT, k.worldType()).map(Quotas.Quota::limit).orElse(Integer.MAX_VALUE))
                    .put("Unit", "None").put("Adjustable", true).put("GlobalQuota", false);
            if (!k.code().isEmpty()) {
                quota.put("QuotaCode", k.code());
            }
        });
        return answer.toString();
    }

    static String error(String code, String message) {
        return JSON.createObjectNode().put("__type", code).put("message", message).toString();
    }
}
