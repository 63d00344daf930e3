package dev.overcast.core.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link ClusterSpec} from YAML or JSON. Unknown fields and values of the wrong type are
 * collected as {@link Violation}s instead of stopping at the first, so the user sees every mistake
 * at once ({@link InvalidSpecException}); text that is not YAML/JSON at all is a
 * {@link SpecFormatException} with a one-line message.
 */
public final class SpecReader {
    private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    private SpecReader() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Reads a file; {@code .json} is parsed as JSON, anything else as YAML. */
    public static ClusterSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecFormatException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new SpecFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, json, file.toString());
    }

    public static ClusterSpec parseYaml(String text) {
        return parse(text, false, "spec");
    }

    public static ClusterSpec parseJson(String text) {
        return parse(text, true, "spec");
    }

    private static ClusterSpec parse(String text, boolean json, String source) {
        ObjectMapper mapper = json ? JSON : YAML;
        JsonNode tree;
        try {
            // Syntax first, so a broken file is one clear line rather than a cascade of field errors.
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line %d, column %d".formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            throw new SpecFormatException("%s: not valid %s%s: %s".formatted(source, json ? "JSON" : "YAML", where, firstLine(e.getOriginalMessage())), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new SpecFormatException(source + ": empty document, expected a cluster spec", null);
        }
        if (!tree.isObject()) {
            throw new SpecFormatException(source + ": expected a mapping of fields (name, clouds, masters, ...)", null);
        }
        Collector collector = new Collector();
        ClusterSpec spec;
        try {
            spec = mapper.reader().withHandler(collector).forType(ClusterSpec.class).readValue(tree);
        } catch (IOException e) {
            // A shape the collector could not recover from; still a violation of a named field, not a crash.
            String field = e instanceof JsonMappingException m ? path(m) : "spec";
            collector.violations.add(new Violation(field, "type", firstLine(e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage())));
            throw new InvalidSpecException(collector.violations);
        }
        if (!collector.violations.isEmpty()) {
            // Report the spec's other mistakes too, except on fields that could not be read at all.
            List<Violation> all = new ArrayList<>(collector.violations);
            SpecValidator.standard().validate(spec).stream()
                    .filter(v -> collector.violations.stream().noneMatch(c -> v.field().startsWith(c.field())))
                    .forEach(all::add);
            throw new InvalidSpecException(all);
        }
        return spec;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            String segment = ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex());
            out.append(out.length() == 0 ? "" : ".").append(segment);
        }
        return out.length() == 0 ? "spec" : out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** Records what is wrong and skips it, so parsing goes on to find the next problem. */
    private static final class Collector extends DeserializationProblemHandler {
        private final List<Violation> violations = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            violations.add(new Violation(path(p.getParsingContext()), "unknown-field", "unknown field '" + propertyName + "'"));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
            violations.add(new Violation(path(ctxt.getParser().getParsingContext()), "type",
                    "expected %s, was '%s'".formatted(describe(targetType), value)));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
            violations.add(new Violation(path(ctxt.getParser().getParsingContext()), "type",
                    "expected %s, was %s".formatted(describe(targetType), value)));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken token, JsonParser p,
                                            String failureMsg) throws IOException {
            violations.add(new Violation(path(p.getParsingContext()), "type",
                    "expected %s, found %s".formatted(describe(targetType.getRawClass()), describe(token))));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsta,
                                                JsonParser p, String msg) throws IOException {
            violations.add(new Violation(path(p.getParsingContext()), "type",
                    "expected %s, found %s".formatted(describe(instClass), describe(p.currentToken()))));
            p.skipChildren();
            return null;
        }

        private static String path(JsonStreamContext context) {
            Deque<String> segments = new ArrayDeque<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    segments.push(String.valueOf(Math.max(0, c.getCurrentIndex())));
                } else if (c.getCurrentName() != null) {
                    segments.push(c.getCurrentName());
                }
            }
            return segments.isEmpty() ? "spec" : String.join(".", segments);
        }

        private static String describe(Class<?> type) {
            if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
                return "a whole number";
            }
            if (type == String.class) {
                return "a string";
            }
            if (List.class.isAssignableFrom(type)) {
                return "a list";
            }
            return "a mapping";
        }

        private static String describe(JsonToken token) {
            if (token == null) {
                return "nothing";
            }
            return switch (token) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a mapping";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> token.asString() == null ? token.name() : token.asString();
            };
        }
    }
}
