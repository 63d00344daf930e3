package dev.overcast.asl;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Compiles and runs JSONata with what Step Functions adds to the language: {@code $states}, workflow
 * variables, and the functions {@code $partition}, {@code $range}, {@code $hash}, {@code $random},
 * {@code $uuid} and {@code $parse}, which behave like their intrinsic counterparts.
 */
final class AwsJsonataFunctions {
    private static final Map<String, String> INTRINSIC_OF = Map.of(
            "partition", "States.ArrayPartition",
            "range", "States.ArrayRange",
            "hash", "States.Hash",
            "random", "States.MathRandom",
            "uuid", "States.UUID",
            "parse", "States.StringToJson");
    private static final Map<String, String> SIGNATURES = Map.of(
            "partition", "<an:a>",
            "range", "<nnn:a>",
            "hash", "<ss:s>",
            "random", "<n?:n>",
            "uuid", "<:s>",
            "parse", "<s:x>");

    private AwsJsonataFunctions() {
    }

    static Jsonata compile(String expression) {
        Jsonata compiled = Jsonata.jsonata(expression);
        INTRINSIC_OF.forEach((name, intrinsic) -> compiled.registerFunction(name,
                new Jsonata.JFunction((input, args) -> call(intrinsic, args), SIGNATURES.get(name))));
        return compiled;
    }

    /** dashjoin's evaluator keeps per-evaluation state in the compiled expression, so calls are serialised. */
    static Object evaluate(Jsonata compiled, JsonNode states, Variables variables) {
        synchronized (compiled) {
            Jsonata.Frame frame = compiled.createFrame();
            frame.bind("states", toJava(states));
            variables.visible().forEach((name, value) -> frame.bind(name, toJava(value)));
            return compiled.evaluate(toJava(states.get("input")), frame);
        }
    }

    private static Object call(String intrinsic, List<?> args) {
        if ("States.MathRandom".equals(intrinsic)) {
            // $random returns a fraction in [0, 1), unlike States.MathRandom's integer range.
            return args.isEmpty() || args.get(0) == null ? Math.random()
                    : new java.util.Random(((Number) args.get(0)).longValue()).nextDouble();
        }
        Intrinsic call = new Intrinsic(intrinsic, args.stream()
                .<Intrinsic.Argument>map(a -> new Intrinsic.Literal(JsonataTemplate.toJson(a))).toList());
        JsonNode result = IntrinsicFunctions.evaluate(call, Json.NODES.nullNode(),
                new StateContext(Json.object(), Variables.root()));
        // JSONata unwraps a one-element sequence, as AWS's $range([1]) shows.
        if (result.isArray() && result.size() == 1 && "States.ArrayRange".equals(intrinsic)) {
            return toJava(result.get(0));
        }
        return toJava(result);
    }

    /** JSON null becomes JSONata's null value, so that it is not mistaken for "undefined". */
    private static Object toJava(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new java.util.ArrayList<>(node.size());
            node.forEach(item -> list.add(toJava(item)));
            return list;
        }
        return Json.MAPPER.convertValue(node, Object.class);
    }
}
