package dev.overcast.asl.sam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.Interpreter;
import dev.overcast.asl.Json;
import dev.overcast.asl.task.LambdaFunctions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A SAM {@code template.yaml} as the local world needs it: every state machine's definition with its
 * DefinitionSubstitutions applied, and for every function its ARN and the Spring Cloud Function bean
 * that {@code SPRING_CLOUD_FUNCTION_DEFINITION} selects. Resources get deterministic local ARNs
 * ({@code arn:aws:lambda:us-east-1:000000000000:function:<LogicalId>}).
 */
public final class SamTemplate {
    private static final String ALIAS_SUFFIX = ".Alias";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String STATE_MACHINE = "AWS::Serverless::StateMachine";

    /** A function of the template. */
    public record SamFunction(String logicalId, String name, String arn, String bean) {
    }

    /** A state machine of the template, its definition ready to parse; {@code definitionUri} null when inline. */
    public record SamStateMachine(String logicalId, String name, String arn, String definitionUri,
                                  JsonNode definition) {
    }

    private final Path directory;
    private final JsonNode template;
    private final Map<String, SamFunction> functions = new LinkedHashMap<>();
    private final Map<String, SamStateMachine> stateMachines = new LinkedHashMap<>();

    private SamTemplate(Path directory, JsonNode template) {
        this.directory = directory;
        this.template = template;
    }

    /** Loads a template; a problem (unresolved substitution, missing file) is an exception naming it. */
    public static SamTemplate load(Path file) {
        JsonNode template;
        try (Reader reader = Files.newBufferedReader(file)) {
            Object data = new Yaml(new CloudFormationTags()).load(reader);
            template = Json.MAPPER.valueToTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (template == null || !template.path("Resources").isObject()) {
            throw new IllegalArgumentException(file + ": a template needs a 'Resources' section");
        }
        SamTemplate sam = new SamTemplate(file.toAbsolutePath().getParent(), template);
        sam.readFunctions();
        sam.readStateMachines();
        return sam;
    }

    public Map<String, SamFunction> functions() {
        return Map.copyOf(functions);
    }

    public Map<String, SamStateMachine> stateMachines() {
        return Map.copyOf(stateMachines);
    }

    /** The function behind a name or ARN (also a qualified ARN), by any of its names. */
    public SamFunction function(String nameOrArn) {
        for (SamFunction function : functions.values()) {
            if (nameOrArn.equals(function.name()) || nameOrArn.equals(function.logicalId())
                    || nameOrArn.equals(function.arn()) || nameOrArn.startsWith(function.arn() + ":")) {
                return function;
            }
        }
        return null;
    }

    /**
     * The template's functions as Lambda sees them: a name or ARN leads to the function's bean, which
     * {@code beans} supplies (the runtime plugs in Spring Cloud Function beans).
     */
    public LambdaFunctions lambdaFunctions(Function<String, Optional<Function<JsonNode, JsonNode>>> beans) {
        return nameOrArn -> Optional.ofNullable(function(nameOrArn)).flatMap(f -> beans.apply(f.bean()));
    }

    private Iterable<Map.Entry<String, JsonNode>> resources() {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        template.get("Resources").fields().forEachRemaining(all::add);
        return all;
    }

    private void readFunctions() {
        JsonNode globals = template.path("Globals").path("Function").path("Environment").path("Variables");
        for (Map.Entry<String, JsonNode> resource : resources()) {
            if (!FUNCTION.equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            String id = resource.getKey();
            JsonNode properties = resource.getValue().path("Properties");
            String name = properties.has("FunctionName") ? resolve(properties.get("FunctionName"), id) : id;
            JsonNode bean = properties.path("Environment").path("Variables").path("SPRING_CLOUD_FUNCTION_DEFINITION");
            if (bean.isMissingNode()) {
                bean = globals.path("SPRING_CLOUD_FUNCTION_DEFINITION");
            }
            if (bean.isMissingNode()) {
                throw new IllegalArgumentException("Resources." + id + ": the function sets no "
                        + "Environment.Variables.SPRING_CLOUD_FUNCTION_DEFINITION, so no bean can serve it");
            }
            functions.put(id, new SamFunction(id, name, "arn:aws:lambda:" + Interpreter.REGION + ":"
                    + Interpreter.ACCOUNT + ":function:" + name, resolve(bean, id)));
        }
    }

    private void readStateMachines() {
        for (Map.Entry<String, JsonNode> resource : resources()) {
            if (!STATE_MACHINE.equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            String id = resource.getKey();
            JsonNode properties = resource.getValue().path("Properties");
            String name = properties.has("Name") ? resolve(properties.get("Name"), id) : id;
            String definition = definitionText(id, properties);
            Map<String, String> substitutions = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = properties.path("DefinitionSubstitutions").fields();
            entries.forEachRemaining(e -> substitutions.put(e.getKey(),
                    resolve(e.getValue(), id + ".DefinitionSubstitutions." + e.getKey())));
            String substituted = substitute(definition, substitutions, id);
            JsonNode uri = properties.get("DefinitionUri");
            stateMachines.put(id, new SamStateMachine(id, name, Interpreter.machineArn(name),
                    uri == null ? null : uri.asText(), Json.parse(substituted)));
        }
    }

    private String definitionText(String id, JsonNode properties) {
        if (properties.has("Definition")) {
            return Json.write(properties.get("Definition"));
        }
        JsonNode uri = properties.get("DefinitionUri");
        if (uri == null || !uri.isTextual()) {
            throw new IllegalArgumentException("Resources." + id + ": a state machine needs 'Definition' or a "
                    + "'DefinitionUri' that is a path relative to the template");
        }
        Path file = directory.resolve(uri.textValue());
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Resources." + id + ": cannot read DefinitionUri " + file, e);
        }
    }

    private static String substitute(String definition, Map<String, String> substitutions, String id) {
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        Set<String> missing = new TreeSet<>();
        while (matcher.find()) {
            String value = substitutions.get(matcher.group(1));
            if (value == null) {
                missing.add("${" + matcher.group(1) + "}");
                continue;
            }
            // The placeholder sits inside a JSON string, so the value is inserted JSON-escaped.
            String quoted = Json.write(Json.NODES.textNode(value));
            matcher.appendReplacement(out, Matcher.quoteReplacement(quoted.substring(1, quoted.length() - 1)));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Resources." + id + ": the definition uses " + String.join(", ", missing)
                    + ", which DefinitionSubstitutions does not define");
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Resolves a value that may use Ref, Fn::GetAtt, Fn::Sub or Fn::Join to a string. */
    private String resolve(JsonNode value, String where) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            return ref(value.get("Ref").asText(), where);
        }
        if (value.has("Fn::GetAtt")) {
            JsonNode parts = value.get("Fn::GetAtt");
            return attribute(parts.path(0).asText(), parts.path(1).asText(), where);
        }
        if (value.has("Fn::Sub")) {
            JsonNode sub = value.get("Fn::Sub");
            Map<String, String> variables = new LinkedHashMap<>();
            String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
            if (sub.isArray()) {
                sub.path(1).fields().forEachRemaining(e -> variables.put(e.getKey(), resolve(e.getValue(), where)));
            }
            Matcher matcher = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String replacement = variables.containsKey(name) ? variables.get(name)
                        : name.contains(".") && !name.startsWith("AWS::")
                        ? attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), where)
                        : ref(name, where);
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            return out.toString();
        }
        if (value.has("Fn::Join")) {
            JsonNode join = value.get("Fn::Join");
            List<String> parts = new ArrayList<>();
            join.path(1).forEach(part -> parts.add(resolve(part, where)));
            return String.join(join.path(0).asText(), parts);
        }
        throw new IllegalArgumentException(where + ": cannot resolve " + Json.write(value)
                + " (supported: Ref, Fn::GetAtt, Fn::Sub, Fn::Join)");
    }

    private String ref(String name, String where) {
        switch (name) {
            case "AWS::Region":
                return Interpreter.REGION;
            case "AWS::AccountId":
                return Interpreter.ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return "overcast";
            default:
                break;
        }
        if (name.endsWith(ALIAS_SUFFIX)) {
            return alias(name.substring(0, name.length() - ALIAS_SUFFIX.length()), where);
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (parameter.has("Default")) {
            return parameter.get("Default").asText();
        }
        JsonNode resource = template.path("Resources").path(name);
        String type = resource.path("Type").asText();
        JsonNode properties = resource.path("Properties");
        return switch (type) {
            case FUNCTION -> properties.has("FunctionName") ? resolve(properties.get("FunctionName"), where) : name;
            case STATE_MACHINE -> Interpreter.machineArn(properties.has("Name")
                    ? resolve(properties.get("Name"), where) : name);
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> tableName(name, properties, where);
            default -> throw new IllegalArgumentException(where + ": unresolved reference '" + name
                    + "' (not a parameter with a Default, a pseudo parameter or a known resource)");
        };
    }

    /**
     * SAM's {@code !Ref Fn.Alias}: the ARN of the alias {@code AutoPublishAlias} creates, i.e. the
     * function's ARN qualified by the alias name (the published version SnapStart restores).
     */
    private String alias(String functionId, String where) {
        JsonNode resource = template.path("Resources").path(functionId);
        JsonNode alias = resource.path("Properties").path("AutoPublishAlias");
        if (alias.isMissingNode()) {
            alias = template.path("Globals").path("Function").path("AutoPublishAlias");
        }
        if (!FUNCTION.equals(resource.path("Type").asText()) || alias.isMissingNode()) {
            throw new IllegalArgumentException(where + ": unresolved reference '" + functionId + ALIAS_SUFFIX
                    + "' (needs a function with AutoPublishAlias)");
        }
        return attribute(functionId, "Arn", where) + ":" + resolve(alias, where);
    }

    private String attribute(String resourceName, String attribute, String where) {
        JsonNode resource = template.path("Resources").path(resourceName);
        String type = resource.path("Type").asText();
        JsonNode properties = resource.path("Properties");
        if (attribute.equals("Arn")) {
            switch (type) {
                case FUNCTION:
                    return "arn:aws:lambda:" + Interpreter.REGION + ":" + Interpreter.ACCOUNT + ":function:"
                            + ref(resourceName, where);
                case STATE_MACHINE:
                    return ref(resourceName, where);
                case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable":
                    return "arn:aws:dynamodb:" + Interpreter.REGION + ":" + Interpreter.ACCOUNT + ":table/"
                            + tableName(resourceName, properties, where);
                default:
                    break;
            }
        }
        if (attribute.equals("Name") && type.equals(STATE_MACHINE)) {
            return properties.has("Name") ? resolve(properties.get("Name"), where) : resourceName;
        }
        throw new IllegalArgumentException(where + ": unresolved attribute " + resourceName + "." + attribute);
    }

    private String tableName(String id, JsonNode properties, String where) {
        return properties.has("TableName") ? resolve(properties.get("TableName"), where) : id;
    }
}
