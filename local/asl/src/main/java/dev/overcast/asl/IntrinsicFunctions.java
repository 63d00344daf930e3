package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The 18 intrinsic functions of the States Language, with AWS's observed argument handling. */
public final class IntrinsicFunctions {
    /** Minimum and maximum argument counts per function (-1: any). */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));
    private static final int MAX_RANGE_ITEMS = 1000;

    private IntrinsicFunctions() {
    }

    static void checkArity(Intrinsic call) {
        int[] arity = ARITY.get(call.name());
        if (arity == null) {
            throw new IllegalArgumentException("'" + call.name() + "' is not an intrinsic function");
        }
        int count = call.arguments().size();
        if (count < arity[0] || arity[1] >= 0 && count > arity[1]) {
            throw new IllegalArgumentException(call.name() + " takes " + (arity[0] == arity[1] ? arity[0]
                    : arity[0] + " to " + (arity[1] < 0 ? "any number of" : arity[1])) + " arguments, got " + count);
        }
        for (Intrinsic.Argument argument : call.arguments()) {
            if (argument instanceof Intrinsic.Call nested) {
                checkArity(nested.intrinsic());
            }
        }
    }

    public static JsonNode evaluate(Intrinsic call, JsonNode input, StateContext context) {
        List<JsonNode> args = new ArrayList<>();
        for (Intrinsic.Argument argument : call.arguments()) {
            args.add(argumentValue(argument, input, context));
        }
        try {
            return apply(call, args);
        } catch (IllegalArgumentException e) {
            throw StatesError.located(ErrorNames.INTRINSIC_FAILURE, call.name() + ": " + e.getMessage());
        }
    }

    private static JsonNode argumentValue(Intrinsic.Argument argument, JsonNode input, StateContext context) {
        if (argument instanceof Intrinsic.Literal literal) {
            return literal.value();
        }
        if (argument instanceof Intrinsic.Text text) {
            return Json.NODES.textNode(text.value());
        }
        if (argument instanceof Intrinsic.PathArgument path) {
            return JsonPaths.read(path.path(), input, context);
        }
        return evaluate(((Intrinsic.Call) argument).intrinsic(), input, context);
    }

    private static JsonNode apply(Intrinsic call, List<JsonNode> args) {
        return switch (call.name()) {
            case "States.Format" -> format(call, args);
            case "States.StringToJson" -> {
                String text = string(args.get(0), "the argument").trim();
                yield text.isEmpty() ? NullNode.getInstance() : Json.parse(text);
            }
            case "States.JsonToString" -> Json.NODES.textNode(Json.write(args.get(0)));
            case "States.Array" -> Json.NODES.arrayNode().addAll(args);
            case "States.ArrayPartition" -> partition(array(args.get(0)), integer(args.get(1), "the chunk size"));
            case "States.ArrayContains" -> Json.NODES.booleanNode(contains(array(args.get(0)), args.get(1)));
            case "States.ArrayRange" -> range(integer(args.get(0), "the start"), integer(args.get(1), "the end"),
                    integer(args.get(2), "the step"));
            case "States.ArrayGetItem" -> {
                ArrayNode array = array(args.get(0));
                int index = integer(args.get(1), "the index");
                if (index < 0 || index >= array.size()) {
                    throw new IllegalArgumentException("index " + index + " is out of bounds for an array of "
                            + array.size());
                }
                yield array.get(index);
            }
            case "States.ArrayLength" -> Json.NODES.numberNode(array(args.get(0)).size());
            case "States.ArrayUnique" -> unique(array(args.get(0)));
            case "States.Base64Encode" -> Json.NODES.textNode(Base64.getEncoder()
                    .encodeToString(string(args.get(0), "the argument").getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode" -> Json.NODES.textNode(new String(Base64.getDecoder()
                    .decode(string(args.get(0), "the argument")), StandardCharsets.UTF_8));
            case "States.Hash" -> hash(args.get(0), string(args.get(1), "the algorithm"));
            case "States.JsonMerge" -> merge(args);
            case "States.MathRandom" -> random(args);
            case "States.MathAdd" -> Json.NODES.numberNode(Math.round(number(args.get(0)))
                    + Math.round(number(args.get(1))));
            case "States.StringSplit" -> split(string(args.get(0), "the string"), string(args.get(1), "the delimiter"));
            case "States.UUID" -> Json.NODES.textNode(UUID.randomUUID().toString());
            default -> throw new IllegalArgumentException("unknown function");
        };
    }

    private static JsonNode format(Intrinsic call, List<JsonNode> args) {
        String raw;
        if (call.arguments().get(0) instanceof Intrinsic.Text template) {
            raw = template.raw();
        } else if (args.get(0).isTextual()) {
            raw = args.get(0).textValue();
        } else {
            throw new IllegalArgumentException("the template must be a string");
        }
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(++i));
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw new IllegalArgumentException("the template has more placeholders than arguments");
                }
                out.append(javaText(args.get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw new IllegalArgumentException("the template has fewer placeholders than arguments");
        }
        return Json.NODES.textNode(out.toString());
    }

    /** States.Format renders values as Java's toString of maps and lists, as AWS does. */
    private static String javaText(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isObject()) {
            List<String> entries = new ArrayList<>();
            value.fields().forEachRemaining(e -> entries.add(e.getKey() + "=" + javaText(e.getValue())));
            return "{" + String.join(", ", entries) + "}";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(javaText(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return value.isNull() ? "null" : value.asText();
    }

    private static JsonNode partition(ArrayNode array, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("the chunk size must be positive, got " + size);
        }
        ArrayNode chunks = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = chunks.addArray();
            }
            chunk.add(array.get(i));
        }
        return chunks;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (JsonValues.same(item, value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode range(int start, int end, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("the step must not be 0");
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (long value = start; step > 0 ? value <= end : value >= end; value += step) {
            if (out.size() == MAX_RANGE_ITEMS) {
                throw new IllegalArgumentException("the range has more than " + MAX_RANGE_ITEMS + " items");
            }
            out.add(value);
        }
        return out;
    }

    private static JsonNode unique(ArrayNode array) {
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode item : array) {
            if (!contains(out, item)) {
                out.add(item);
            }
        }
        return out;
    }

    private static JsonNode hash(JsonNode data, String algorithm) {
        String name = switch (algorithm) {
            case "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512" -> algorithm;
            default -> throw new IllegalArgumentException("'" + algorithm
                    + "' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        };
        try {
            String text = data.isTextual() ? data.textValue() : Json.write(data);
            byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + name, e);
        }
    }

    private static JsonNode merge(List<JsonNode> args) {
        if (!args.get(0).isObject() || !args.get(1).isObject()) {
            throw new IllegalArgumentException("both values to merge must be objects");
        }
        if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
            throw new IllegalArgumentException("only a shallow merge (false) is supported, as in AWS");
        }
        ObjectNode merged = args.get(0).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = args.get(1).fields();
        fields.forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        return merged;
    }

    private static JsonNode random(List<JsonNode> args) {
        int start = integer(args.get(0), "the start");
        int end = integer(args.get(1), "the end");
        if (end < start) {
            throw new IllegalArgumentException("the end must not be below the start");
        }
        Random random = args.size() == 3 ? new Random(integer(args.get(2), "the seed")) : ThreadLocalRandom.current();
        return Json.NODES.numberNode(start + random.nextInt(end - start + 1));
    }

    /** Splits on every character of the delimiter and drops empty tokens, like AWS (a StringTokenizer). */
    private static JsonNode split(String text, String delimiters) {
        ArrayNode out = Json.NODES.arrayNode();
        StringTokenizer tokens = new StringTokenizer(text, delimiters);
        while (tokens.hasMoreTokens()) {
            out.add(tokens.nextToken());
        }
        return out;
    }

    private static ArrayNode array(JsonNode value) {
        if (value instanceof ArrayNode array) {
            return array;
        }
        throw new IllegalArgumentException("expected an array, got " + Json.typeName(value));
    }

    private static String string(JsonNode value, String what) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(what + " must be a string, got " + Json.typeName(value));
        }
        return value.textValue();
    }

    private static double number(JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("expected a number, got " + Json.typeName(value));
        }
        return value.doubleValue();
    }

    private static int integer(JsonNode value, String what) {
        if (!value.isNumber() || value.doubleValue() != Math.rint(value.doubleValue())) {
            throw new IllegalArgumentException(what + " must be an integer, got " + Json.write(value));
        }
        return value.intValue();
    }
}
