package dev.overcast.cloudsim.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.overcast.cloudsim.wire.Specs;
import dev.overcast.cloudsim.world.CloudError;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * An AWS API as botocore defines it ({@code shared/specs/aws/<service>.service-2.json.gz}, the models awscli
 * and boto3 are generated from): EC2 read with the rules of botocore's {@code ec2} protocol, STS with those of
 * its {@code query} protocol (answers inside {@code <ActionResult>} with {@code <ResponseMetadata>}, list
 * entries {@code <member>}, errors in {@code <ErrorResponse>}). For EC2 a request member is
 * named by its {@code queryName}, else its {@code locationName} capitalised, else its member name; lists
 * are flattened as {@code Name.N}, structures as {@code Name.Member}. An answer's element is named by the
 * member's {@code locationName} (else the member name) and a list holds one element per entry named by the
 * list member's {@code locationName} ({@code item} throughout EC2).
 * <p>
 * {@link #checkRequest} refuses what EC2 refuses before any handler runs: an unknown parameter
 * ({@code UnknownParameter}), a missing required member ({@code MissingParameter}), a value of the wrong
 * type, out of the shape's {@code min}/{@code max} or outside its {@code enum} ({@code InvalidParameterValue}).
 * {@link #answerDeviations} lists how an answer departs from the output shape, for {@link dev.overcast.cloudsim.wire.WireCheck}.
 */
final class BotocoreModel {

    private static final Set<String> ENVELOPE = Set.of("Action", "Version");
    /**
     * Members of every answer that botocore's model leaves out: {@code requestId}, and {@code return}, which the
     * EC2 API reference lists among the response elements of actions such as DeleteVpc ("Returns true if the
     * request succeeds; otherwise, it returns an error").
     */
    private static final Set<String> ANSWER_ENVELOPE = Set.of("requestId", "return");
    private static final Map<String, Optional<BotocoreModel>> LOADED = new ConcurrentHashMap<>();

    private final JsonNode operations;
    private final JsonNode shapes;
    private final boolean query;

    private BotocoreModel(JsonNode model) {
        this.operations = model.path("operations");
        this.shapes = model.path("shapes");
        this.query = model.path("metadata").path("protocol").asText().equals("query");
        // The model's AttachmentStatus lacks a value the API reference documents: an internet gateway's attachment
        // "state is available when attached to a VPC" (the same model's documentation of InternetGatewayAttachment.State).
        if (shapes.path("AttachmentStatus").path("enum") instanceof ArrayNode values) {
            values.add("available");
        }
    }

    /** EC2's model, loaded once per process; empty when {@code shared/specs} is not beside the repository. */
    static Optional<BotocoreModel> ec2() {
        return load("aws/ec2.service-2.json.gz");
    }

    /** STS's model, as {@link #ec2()}. */
    static Optional<BotocoreModel> sts() {
        return load("aws/sts.service-2.json.gz");
    }

    private static Optional<BotocoreModel> load(String file) {
        return LOADED.computeIfAbsent(file, f -> Specs.gzippedJson(f).map(BotocoreModel::new));
    }

    List<String> operations() {
        List<String> names = new ArrayList<>();
        operations.fieldNames().forEachRemaining(names::add);
        return names;
    }

    boolean defines(String action) {
        return operations.has(action);
    }

    // --- requests

    void checkRequest(String action, Map<String, String> params) {
        JsonNode input = shape(operations.path(action).path("input").path("shape").asText(null));
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (!ENVELOPE.contains(param.getKey())) {
                checkParameter(input, param.getKey(), param.getValue());
            }
        }
        requireMembers(input, "", params);
    }

    private void checkParameter(JsonNode structure, String name, String value) {
        JsonNode shape = structure;
        String[] parts = name.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String type = shape == null ? "structure" : shape.path("type").asText();
            if (type.equals("map")) {
                return;
            }
            if (type.equals("list")) {
                if (!part.matches("[1-9][0-9]*")) {
                    throw unknown(name);
                }
                shape = shape(shape.path("member").path("shape").asText());
                continue;
            }
            if (!type.equals("structure")) {
                throw unknown(name);
            }
            JsonNode member = shape == null ? null : memberByQueryName(shape, part);
            if (member == null) {
                throw unknown(name);
            }
            shape = shape(member.path("shape").asText());
        }
        String type = shape.path("type").asText();
        if (type.equals("structure") || type.equals("list")) {
            throw unknown(name);
        }
        checkScalar(shape, value).ifPresent(rule -> {
            throw new CloudError("InvalidParameterValue", "Value (" + value + ") for parameter " + name + " is invalid. " + rule);
        });
    }

    /** Required members of every structure the request reaches, the top one always, nested ones when any of their members is given. */
    private void requireMembers(JsonNode structure, String prefix, Map<String, String> params) {
        if (structure == null) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> members = structure.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String name = prefix + queryName(member.getKey(), member.getValue());
            boolean given = params.containsKey(name) || params.keySet().stream().anyMatch(k -> k.startsWith(name + "."));
            if (!given && contains(structure.path("required"), member.getKey())) {
                throw new CloudError("MissingParameter", "The request must contain the parameter " + name);
            }
            JsonNode shape = shape(member.getValue().path("shape").asText());
            if (given && shape.path("type").asText().equals("structure")) {
                requireMembers(shape, name + ".", params);
            } else if (given && shape.path("type").asText().equals("list")
                    && shape(shape.path("member").path("shape").asText()).path("type").asText().equals("structure")) {
                JsonNode element = shape(shape.path("member").path("shape").asText());
                for (int i = 1; hasPrefix(params, name + "." + i + "."); i++) {
                    requireMembers(element, name + "." + i + ".", params);
                }
            }
        }
    }

    private static boolean hasPrefix(Map<String, String> params, String prefix) {
        return params.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    private static JsonNode memberByQueryName(JsonNode structure, String part) {
        Iterator<Map.Entry<String, JsonNode>> members = structure.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (queryName(member.getKey(), member.getValue()).equals(part)) {
                return member.getValue();
            }
        }
        return null;
    }

    private static String queryName(String memberName, JsonNode member) {
        if (member.has("queryName")) {
            return member.get("queryName").asText();
        }
        if (member.has("locationName")) {
            String location = member.get("locationName").asText();
            return Character.toUpperCase(location.charAt(0)) + location.substring(1);
        }
        return memberName;
    }

    private static CloudError unknown(String name) {
        return new CloudError("UnknownParameter", "The parameter " + name + " is not recognized");
    }

    /** What is wrong with a scalar value for its shape, if anything: the rule it breaks. */
    private static Optional<String> checkScalar(JsonNode shape, String value) {
        switch (shape.path("type").asText()) {
            case "integer", "long" -> {
                long number;
                try {
                    number = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Optional.of("Expecting an integer.");
                }
                if ((shape.has("min") && number < shape.get("min").asLong()) || (shape.has("max") && number > shape.get("max").asLong())) {
                    return Optional.of("Expecting a value between " + shape.path("min").asText("any") + " and " + shape.path("max").asText("any") + ".");
                }
            }
            case "double", "float" -> {
                try {
                    Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return Optional.of("Expecting a number.");
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return Optional.of("Expecting true or false.");
                }
            }
            case "timestamp" -> {
                try {
                    OffsetDateTime.parse(value);
                } catch (DateTimeParseException e) {
                    return Optional.of("Expecting an ISO 8601 timestamp.");
                }
            }
            case "string" -> {
                if (shape.has("enum") && !contains(shape.get("enum"), value)) {
                    return Optional.of("Expecting one of " + shape.get("enum") + ".");
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    // --- answers

    /** How an answer departs from the model: its root (and, for STS, result wrapper), every element name and list wrapper, scalar types and enums; or the error document's shape. */
    List<String> answerDeviations(String action, int status, String body) {
        List<String> found = new ArrayList<>();
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body))).getDocumentElement();
        } catch (Exception e) {
            return List.of("answer is not well-formed XML: " + e.getMessage());
        }
        if (status >= 300) {
            checkError(root, found);
            return found;
        }
        if (!root.getLocalName().equals(action + "Response")) {
            found.add("answer root is <" + root.getLocalName() + ">, not <" + action + "Response>");
        }
        JsonNode output = operations.path(action).path("output");
        Element members = root;
        String path = action + "Response";
        if (query) {
            String wrapper = output.path("resultWrapper").asText(action + "Result");
            members = first(root, wrapper);
            path = path + "/" + wrapper;
            if (members == null || first(root, "ResponseMetadata") == null) {
                found.add("answer lacks <" + wrapper + "> or <ResponseMetadata>");
                return found;
            }
        }
        for (Element child : children(members)) {
            if (!ANSWER_ENVELOPE.contains(child.getLocalName())) {
                checkElement(shape(output.path("shape").asText(null)), child, path, found);
            }
        }
        return found;
    }

    private void checkError(Element root, List<String> found) {
        if (query) {
            Element error = root.getLocalName().equals("ErrorResponse") ? first(root, "Error") : null;
            if (error == null || first(error, "Code") == null || first(error, "Message") == null || first(root, "RequestId") == null) {
                found.add("error answer is not <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>");
            }
            return;
        }
        Element errors = root.getLocalName().equals("Response") ? first(root, "Errors") : null;
        Element error = errors == null ? null : first(errors, "Error");
        if (error == null || first(error, "Code") == null || first(error, "Message") == null || first(root, "RequestID") == null) {
            found.add("error answer is not <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>");
        }
    }

    private void checkElement(JsonNode structure, Element element, String path, List<String> found) {
        String name = element.getLocalName();
        JsonNode member = structure == null ? null : memberByElementName(structure, name);
        if (member == null) {
            found.add("answer element " + path + "/" + name + " is not a member of " + shapeName(structure));
            return;
        }
        checkValue(shape(member.path("shape").asText()), element, path + "/" + name, found);
    }

    private void checkValue(JsonNode shape, Element element, String path, List<String> found) {
        switch (shape.path("type").asText()) {
            case "structure" -> children(element).forEach(child -> checkElement(shape, child, path, found));
            case "list" -> {
                String entry = shape.path("member").path("locationName").asText("member");
                JsonNode memberShape = shape(shape.path("member").path("shape").asText());
                for (Element child : children(element)) {
                    if (!child.getLocalName().equals(entry)) {
                        found.add("answer list " + path + " holds <" + child.getLocalName() + ">, not <" + entry + ">");
                    } else {
                        checkValue(memberShape, child, path + "/" + entry, found);
                    }
                }
            }
            default -> {
                if (!children(element).isEmpty()) {
                    found.add("answer element " + path + " has child elements where the model has a " + shape.path("type").asText());
                } else {
                    checkScalar(shape, element.getTextContent()).ifPresent(rule -> found.add("answer value '" + element.getTextContent()
                            + "' at " + path + ": " + rule));
                }
            }
        }
    }

    private static JsonNode memberByElementName(JsonNode structure, String elementName) {
        Iterator<Map.Entry<String, JsonNode>> members = structure.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().path("locationName").asText(member.getKey()).equals(elementName)) {
                return member.getValue();
            }
        }
        return null;
    }

    private String shapeName(JsonNode structure) {
        Iterator<Map.Entry<String, JsonNode>> all = shapes.fields();
        while (all.hasNext()) {
            Map.Entry<String, JsonNode> entry = all.next();
            if (entry.getValue() == structure) {
                return entry.getKey();
            }
        }
        return "an empty output";
    }

    private static List<Element> children(Element element) {
        List<Element> elements = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                elements.add(child);
            }
        }
        return elements;
    }

    private static Element first(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst().orElse(null);
    }

    private JsonNode shape(String name) {
        return name == null ? null : shapes.get(name);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
