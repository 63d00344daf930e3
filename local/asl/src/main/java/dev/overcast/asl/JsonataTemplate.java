package dev.overcast.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSONata-mode field value: any string of the form {@code {% expression %}}, at any depth, is an
 * expression; everything else is a literal. Evaluation is dashjoin's JSONata with {@code $states}
 * and the workflow variables bound, plus the functions AWS adds.
 */
public final class JsonataTemplate {
    private final JsonNode literal;
    private final Expression expression;
    private final Map<String, JsonataTemplate> members;
    private final List<JsonataTemplate> items;

    private JsonataTemplate(JsonNode literal, Expression expression, Map<String, JsonataTemplate> members,
                            List<JsonataTemplate> items) {
        this.literal = literal;
        this.expression = expression;
        this.members = members;
        this.items = items;
    }

    /**
     * An expression together with the field it came from, for AWS's error messages. dashjoin returns
     * null both for JSON null and for "undefined"; {@code wrapped} ({@code [(expression)]}) tells them
     * apart when needed: an empty list means undefined.
     */
    private record Expression(String text, String field, Jsonata compiled, Jsonata wrapped) {
    }

    public static boolean isExpression(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return false;
        }
        String text = node.textValue();
        return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
    }

    public static JsonataTemplate compile(JsonNode node, String field, String where, List<String> errors) {
        if (isExpression(node)) {
            String text = node.textValue();
            String body = text.substring(2, text.length() - 2).trim();
            try {
                return new JsonataTemplate(null, new Expression(body, field, AwsJsonataFunctions.compile(body),
                        AwsJsonataFunctions.compile("[(" + body + ")]")),
                        null, null);
            } catch (JException e) {
                errors.add(where + ": invalid JSONata expression '" + body + "': " + e.getMessage());
                return new JsonataTemplate(node, null, null, null);
            }
        }
        if (node.isObject() && containsExpression(node)) {
            Map<String, JsonataTemplate> members = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            fields.forEachRemaining(e -> members.put(e.getKey(),
                    compile(e.getValue(), field + "/" + e.getKey(), where, errors)));
            return new JsonataTemplate(null, null, members, null);
        }
        if (node.isArray() && containsExpression(node)) {
            List<JsonataTemplate> items = new ArrayList<>();
            node.forEach(item -> items.add(compile(item, field, where, errors)));
            return new JsonataTemplate(null, null, null, items);
        }
        return new JsonataTemplate(node, null, null, null);
    }

    private static boolean containsExpression(JsonNode node) {
        if (isExpression(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsExpression(child)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this template is one expression (so a function result or any type may come back). */
    public boolean isSingleExpression() {
        return expression != null;
    }

    public String expressionText() {
        return expression == null ? null : expression.text();
    }

    /** Evaluates; an undefined result or an evaluation error fails with States.QueryEvaluationError. */
    public JsonNode evaluate(JsonNode states, Variables variables) {
        if (literal != null) {
            return literal;
        }
        if (members != null) {
            ObjectNode out = Json.object();
            members.forEach((name, template) -> out.set(name, template.evaluate(states, variables)));
            return out;
        }
        if (items != null) {
            ArrayNode out = Json.NODES.arrayNode();
            items.forEach(template -> out.add(template.evaluate(states, variables)));
            return out;
        }
        Object result;
        try {
            result = AwsJsonataFunctions.evaluate(expression.compiled(), states, variables);
            if (result == null && AwsJsonataFunctions.evaluate(expression.wrapped(), states, variables)
                    instanceof List<?> list && !list.isEmpty()) {
                result = Jsonata.NULL_VALUE;
            }
        } catch (JException e) {
            throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                    + expression.text() + "' specified for the field '" + expression.field()
                    + "' threw an error during evaluation. " + e.getError() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                    + expression.text() + "' specified for the field '" + expression.field()
                    + "' threw an error during evaluation. " + e.getMessage());
        }
        if (result == null) {
            throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                    + expression.text() + "' specified for the field '" + expression.field()
                    + "' returned nothing (undefined).");
        }
        if (result instanceof Jsonata.JFunction || result instanceof Jsonata.JLambda
                || result.getClass().getName().startsWith("com.dashjoin.jsonata.Parser")) {
            throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                    + expression.text() + "' specified for the field '" + expression.field()
                    + "' returned an unsupported result type.");
        }
        return toJson(result);
    }

    /** JSONata computes in doubles; whole numbers go back to JSON as integers, as AWS prints them. */
    static JsonNode toJson(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e18) {
            return Json.NODES.numberNode(d.longValue());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.object();
            map.forEach((k, v) -> out.set(String.valueOf(k), toJson(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = Json.NODES.arrayNode();
            list.forEach(v -> out.add(toJson(v)));
            return out;
        }
        return Json.tree(value);
    }
}
