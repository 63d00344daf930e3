package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generated Python models of Debian's {@code python3-azure} (msrest {@code _attribute_map},
 * {@code _validation} and enums), the second reference for the ARM types the REST specs on hand do not
 * cover: resource groups, virtual networks and subnets, the VPN gateways and connections, virtual machines
 * and disks. {@code arm-models.py} dumps them (network 2022-07-01, compute 2022-08-01 and disks 2022-07-02,
 * resources 2022-09-01: the newest python3-azure ships; the SDK sends newer api-versions, so they are
 * checked whatever the request's api-version). Empty, with a logged reason, where {@code /usr/bin/python3}
 * or {@code python3-azure} is missing.
 */
final class ArmModels {

    private static final Logger log = LoggerFactory.getLogger(ArmModels.class);
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Map<ArmType, String> ROOTS = Map.of(
            ArmType.RESOURCE_GROUP, "ResourceGroup",
            ArmType.VIRTUAL_NETWORK, "VirtualNetwork",
            ArmType.SUBNET, "Subnet",
            ArmType.VIRTUAL_NETWORK_GATEWAY, "VirtualNetworkGateway",
            ArmType.LOCAL_NETWORK_GATEWAY, "LocalNetworkGateway",
            ArmType.CONNECTION, "VirtualNetworkGatewayConnection",
            ArmType.VIRTUAL_MACHINE, "VirtualMachine",
            ArmType.DISK, "Disk");

    private final JsonNode document;

    private ArmModels(JsonNode document) {
        this.document = document;
    }

    static ArmModels load() {
        if (!Files.isExecutable(PYTHON)) {
            log.warn("ARM model check skipped: no {} to read python3-azure's models with", PYTHON);
            return new ArmModels(MissingNode.getInstance());
        }
        try (InputStream script = ArmModels.class.getResourceAsStream("arm-models.py")) {
            Process python = new ProcessBuilder(PYTHON.toString(), "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = python.getOutputStream()) {
                script.transferTo(in);
            }
            JsonNode document = ArmStore.JSON.readTree(python.getInputStream());
            if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0 || document == null) {
                python.destroy();
                log.warn("ARM model check skipped: {} could not dump python3-azure's models (is python3-azure installed?)", PYTHON);
                return new ArmModels(MissingNode.getInstance());
            }
            return new ArmModels(document);
        } catch (IOException e) {
            log.warn("ARM model check skipped: cannot run {}: {}", PYTHON, e.getMessage());
            return new ArmModels(MissingNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ArmModels(MissingNode.getInstance());
        }
    }

    boolean empty() {
        return document.path("models").isEmpty();
    }

    /**
     * Checks one exchange on a path of a type the models cover: a PUT's body, and the resource (or each
     * resource of a list) a GET, PUT or PATCH answers.
     */
    void exchange(String method, String path, JsonNode request, ArmAnswer answer, List<String> found) {
        Optional<ArmPath> parsed = parse(path);
        String model = parsed.filter(p -> p.type() != null).map(p -> ROOTS.get(p.type())).map(root -> document.path("roots").path(root).asText(null)).orElse(null);
        if (model == null || !Set.of("GET", "PUT", "PATCH").contains(method.toUpperCase(Locale.ROOT))) {
            return;
        }
        if (request != null && method.equalsIgnoreCase("PUT")) {
            check(request, model, "request", true, found);
        }
        if (answer.status() >= 300 || answer.body() == null) {
            return;
        }
        if (parsed.get().name() != null) {
            check(answer.body(), model, "answer", false, found);
        } else if (!answer.body().path("value").isArray()) {
            found.add("answer.value is " + kind(answer.body().path("value")) + ", a list answers {\"value\": [...]}");
        } else {
            for (int i = 0; i < answer.body().path("value").size(); i++) {
                check(answer.body().path("value").get(i), model, "answer.value[" + i + "]", false, found);
            }
        }
    }

    private static Optional<ArmPath> parse(String path) {
        try {
            return Optional.of(ArmPath.parse(path));
        } catch (RuntimeException notAResourcePath) {
            return Optional.empty();
        }
    }

    /**
     * Checks a request or answer body against a model: required members (read-only ones are not
     * expected in a request, and ARM ignores them there), types and enum values.
     */
    private void check(JsonNode value, String model, String where, boolean request, List<String> found) {
        JsonNode attributes = document.path("models").path(model).path("attributes");
        for (JsonNode attribute : attributes) {
            boolean readOnly = attribute.path("readonly").asBoolean(false);
            JsonNode member = at(value, attribute.path("key").asText());
            String memberWhere = where + "." + attribute.path("key").asText().replace("\\.", ".");
            if (member.isMissingNode() || member.isNull()) {
                if (attribute.path("required").asBoolean(false) && !(request && readOnly)) {
                    found.add(memberWhere + " is required");
                }
            } else if (!(request && readOnly)) {
                typed(member, attribute.path("type").asText(), attribute.path("enum"), memberWhere, request, found);
            }
        }
    }

    private void typed(JsonNode value, String type, JsonNode values, String where, boolean request, List<String> found) {
        if (type.startsWith("[")) {
            if (!value.isArray()) {
                found.add(where + " is " + kind(value) + ", the model says array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                typed(value.get(i), type.substring(1, type.length() - 1), values, where + "[" + i + "]", request, found);
            }
        } else if (type.startsWith("{")) {
            if (!value.isObject()) {
                found.add(where + " is " + kind(value) + ", the model says object");
                return;
            }
            value.fields().forEachRemaining(e -> typed(e.getValue(), type.substring(1, type.length() - 1), values,
                    where + "." + e.getKey(), request, found));
        } else if (document.path("models").has(type)) {
            if (!value.isObject()) {
                found.add(where + " is " + kind(value) + ", the model says object");
                return;
            }
            check(value, type, where, request, found);
        } else if (!primitive(value, type)) {
            found.add(where + " is " + kind(value) + ", the model says " + type);
        } else if (values.isArray() && value.isTextual() && !known(values, value.asText())) {
            found.add(where + " is '" + value.asText() + "', not one of " + values);
        }
    }

    /** The member a msrest key path names: dots nest, {@code \.} is a dot inside a name. */
    private static JsonNode at(JsonNode value, String key) {
        JsonNode node = value;
        for (String part : key.split("(?<!\\\\)\\.")) {
            node = node.path(part.replace("\\.", "."));
        }
        return node;
    }

    private static boolean primitive(JsonNode value, String type) {
        return switch (type) {
            case "int", "long" -> value.isIntegralNumber();
            case "float" -> value.isNumber();
            case "bool" -> value.isBoolean();
            case "object" -> true;
            // str, and what msrest carries as text: iso-8601, rfc-1123, duration, base64...
            default -> value.isTextual();
        };
    }

    /** msrest's enums are case-insensitive ({@code CaseInsensitiveEnumMeta}). */
    private static boolean known(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
