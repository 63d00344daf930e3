package dev.overcast.cloudsim.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google API Discovery document (https://developers.google.com/discovery/v1/reference/apis) read as the wire
 * check needs it: each method's HTTP verb and path template, its parameters, and the schemas of its request
 * and response, against which a JSON value is walked. The rules are the document's: {@code type}, {@code format}
 * ({@code int64}/{@code uint64} travel as decimal strings, {@code byte} as base64), {@code enum}, {@code items},
 * {@code properties} and {@code additionalProperties}; a member no schema names is unknown.
 */
final class Discovery {

    /** One method: {@code id} without the API prefix ({@code networks.insert}). */
    record Method(String id, String httpMethod, Pattern path, int literalLength, JsonNode parameters,
                  Optional<String> request, Optional<String> response) {}

    /**
     * One departure of a JSON value from its schema.
     *
     * @param path  the member's JSON path ({@code routingConfig.routingMode}, {@code allowed[0].IPProtocol})
     * @param rule  what the definition wants
     * @param unknown whether the member is one the schema does not have
     */
    record Problem(String path, String rule, boolean unknown) {}

    private static final Pattern INT64 = Pattern.compile("-?\\d{1,19}");
    private static final Pattern UINT64 = Pattern.compile("\\d{1,20}");

    private final JsonNode schemas;
    private final JsonNode standardParameters;
    private final List<Method> methods = new ArrayList<>();

    Discovery(JsonNode root) {
        schemas = root.path("schemas");
        standardParameters = root.path("parameters");
        String prefix = root.path("name").asText() + ".";
        for (JsonNode resource : root.path("resources")) {
            for (JsonNode method : resource.path("methods")) {
                String template = method.has("flatPath") ? method.path("flatPath").asText() : method.path("path").asText();
                String literal = template.replaceAll("\\{[^}]+}", "");
                String regex = Pattern.quote(template).replaceAll("\\{\\+?[^}]+}", "\\\\E([^/]+)\\\\Q");
                methods.add(new Method(method.path("id").asText().substring(prefix.length()), method.path("httpMethod").asText(),
                        Pattern.compile(regex), literal.length(), method.path("parameters"),
                        ref(method.path("request")), ref(method.path("response"))));
            }
        }
        // The most literal template wins: regions/R/routers/X/getRouterStatus over regions/R/routers/X.
        methods.sort(Comparator.comparingInt(Method::literalLength).reversed());
    }

    List<String> operations() {
        return methods.stream().map(Method::id).sorted().toList();
    }

    /** The method serving {@code httpMethod} on {@code path} (relative to the service path, e.g. {@code projects/p/global/networks}). */
    Optional<Method> method(String httpMethod, String path) {
        return methods.stream().filter(m -> m.httpMethod().equals(httpMethod) && m.path().matcher(path).matches()).findFirst();
    }

    /** The declared parameter of a method or a standard one ({@code alt}, {@code fields}, …); {@code $alt} names {@code alt}. */
    Optional<JsonNode> parameter(Method method, String name) {
        String plain = name.startsWith("$") && !name.equals("$.xgafv") ? name.substring(1) : name;
        JsonNode declared = method.parameters().has(plain) ? method.parameters().path(plain) : standardParameters.path(plain);
        return declared.isMissingNode() ? Optional.empty() : Optional.of(declared);
    }

    /** The {@code kind} every value of this schema carries, if the schema fixes one ({@code compute#network}). */
    Optional<String> kind(String schema) {
        JsonNode kind = schemas.path(schema).path("properties").path("kind").path("default");
        return kind.isTextual() ? Optional.of(kind.asText()) : Optional.empty();
    }

    /**
     * Every departure of {@code value} from the schema named {@code schema}. {@code strict} is for answers: the
     * service writes 64-bit integers as strings and integers as numbers, where a request may use either.
     */
    List<Problem> check(JsonNode value, String schema, boolean strict) {
        List<Problem> problems = new ArrayList<>();
        walk(value, schemas.path(schema), "", strict, problems);
        return problems;
    }

    /** Whether a query parameter's text fits its declared type and enum. */
    static Optional<String> checkParameter(JsonNode declared, String text) {
        return switch (declared.path("type").asText()) {
            case "integer" -> text.matches("-?\\d+") ? Optional.empty() : Optional.of("must be an integer");
            // Case-insensitive: gcloud writes Python's "True" (includeAllScopes=True), and Compute binds it.
            case "boolean" -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ? Optional.empty()
                    : Optional.of("must be true or false");
            default -> inEnum(declared, text) ? Optional.empty() : Optional.of("must be one of " + declared.path("enum"));
        };
    }

    private void walk(JsonNode value, JsonNode schema, String path, boolean strict, List<Problem> problems) {
        if (schema.has("$ref")) {
            walk(value, schemas.path(schema.path("$ref").asText()), path, strict, problems);
            return;
        }
        if (value.isNull()) {
            if (strict) {
                problems.add(new Problem(path, "is null; the service leaves absent values out", false));
            }
            return;
        }
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> object(value, schema, path, strict, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(new Problem(path, "must be an array", false));
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), schema.path("items"), path + "[" + i + "]", strict, problems);
                }
            }
            case "string" -> string(value, schema, path, strict, problems);
            case "integer" -> {
                boolean integral = value.isIntegralNumber() || (!strict && value.isTextual() && value.asText().matches("-?\\d+"));
                if (!integral || schema.path("format").asText().startsWith("uint") && value.asLong() < 0) {
                    problems.add(new Problem(path, "must be a " + schema.path("format").asText("integer") + " number, not " + value, false));
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(new Problem(path, "must be a number, not " + value, false));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(new Problem(path, "must be true or false, not " + value, false));
                }
            }
            default -> { } // "any"
        }
    }

    private void object(JsonNode value, JsonNode schema, String path, boolean strict, List<Problem> problems) {
        if (!value.isObject()) {
            problems.add(new Problem(path, "must be an object", false));
            return;
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                walk(field.getValue(), properties.path(field.getKey()), at, strict, problems);
            } else if (schema.has("additionalProperties")) {
                walk(field.getValue(), schema.path("additionalProperties"), at, strict, problems);
            } else {
                problems.add(new Problem(at, "is not a member of the schema", true));
            }
        }
    }

    private static void string(JsonNode value, JsonNode schema, String path, boolean strict, List<Problem> problems) {
        String format = schema.path("format").asText();
        boolean numeric = format.equals("int64") || format.equals("uint64");
        if (!value.isTextual() && !(numeric && !strict && value.isIntegralNumber())) {
            problems.add(new Problem(path, "must be a string" + (numeric ? " (" + format + " travels as decimal text)" : "") + ", not " + value, false));
            return;
        }
        String text = value.asText();
        if (format.equals("int64") && !INT64.matcher(text).matches() || format.equals("uint64") && !UINT64.matcher(text).matches()) {
            problems.add(new Problem(path, "must be a decimal " + format + ", not \"" + text + "\"", false));
        } else if (format.equals("byte") && !base64(text)) {
            problems.add(new Problem(path, "must be base64 (format: byte), not \"" + text + "\"", false));
        } else if (!inEnum(schema, text)) {
            problems.add(new Problem(path, "must be one of " + schema.path("enum") + ", not \"" + text + "\"", false));
        }
    }

    private static boolean inEnum(JsonNode schema, String text) {
        if (!schema.has("enum")) {
            return true;
        }
        for (JsonNode allowed : schema.path("enum")) {
            if (allowed.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean base64(String text) {
        try {
            (text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> ref(JsonNode node) {
        return node.has("$ref") ? Optional.of(node.path("$ref").asText()) : Optional.empty();
    }

    /** {@code routingConfig.routingMode} as the proto field path Google's errors use: {@code routing_config.routing_mode}. */
    static String protoPath(String jsonPath) {
        Matcher m = Pattern.compile("([a-z0-9])([A-Z])").matcher(jsonPath);
        return m.replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
