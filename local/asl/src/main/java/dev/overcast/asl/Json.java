package dev.overcast.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one ObjectMapper of the interpreter and the few JSON operations every state needs. */
public final class Json {
    /** Duplicate keys are an error, as in AWS's JSON (a definition with two states of one name is invalid). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any Java value a library hands back (Jayway, JSONata) as a tree; {@code null} is JSON null. */
    public static JsonNode tree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return MAPPER.valueToTree(value);
    }

    /** Size as AWS counts it for its payload limit: UTF-8 bytes of the serialised JSON. */
    public static int utf8Size(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The type name AWS uses in its messages. */
    public static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }
}
