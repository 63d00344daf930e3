package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A JSONPath Choice rule: a data test on {@code Variable}, or And/Or/Not over nested rules. */
public abstract sealed class ChoiceRule permits ChoiceRule.Combination, ChoiceRule.None, ChoiceRule.Test {
    private static final Set<String> OPERATORS = Set.of(
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals",
            "StringMatches", "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
            "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals", "TimestampLessThan",
            "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
            "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    public abstract boolean matches(JsonNode input, StateContext context);

    /** Parses a rule; {@code top} rules carry Next (and Assign), nested ones must not. */
    static ChoiceRule parse(JsonNode node, String where, List<String> errors, Set<String> extraFields) {
        if (!node.isObject()) {
            errors.add(where + ": a choice rule must be an object");
            return new Combination(List.of(), true);
        }
        if (node.has("And") || node.has("Or")) {
            String kind = node.has("And") ? "And" : "Or";
            List<ChoiceRule> rules = new ArrayList<>();
            JsonNode list = node.get(kind);
            if (!list.isArray() || list.isEmpty()) {
                errors.add(where + ": '" + kind + "' must be a non-empty array of rules");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    rules.add(parse(list.get(i), where + "." + kind + "[" + i + "]", errors, Set.of()));
                }
            }
            onlyFields(node, Set.of(kind), extraFields, where, errors);
            return new Combination(rules, kind.equals("And"));
        }
        if (node.has("Not")) {
            onlyFields(node, Set.of("Not"), extraFields, where, errors);
            return new None(parse(node.get("Not"), where + ".Not", errors, Set.of()));
        }
        JsonNode variable = node.get("Variable");
        if (variable == null || !variable.isTextual() || !JsonPaths.isPath(variable.textValue())) {
            errors.add(where + ": a data-test rule needs 'Variable', a path");
            return new Combination(List.of(), true);
        }
        String operator = null;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String base = name.endsWith("Path") ? name.substring(0, name.length() - 4) : name;
            if (OPERATORS.contains(base) && !base.startsWith("Is") && !base.equals("StringMatches")
                    || OPERATORS.contains(name)) {
                if (operator != null) {
                    errors.add(where + ": a rule has exactly one comparison operator, found '" + operator
                            + "' and '" + name + "'");
                }
                operator = name;
            }
        }
        if (operator == null) {
            errors.add(where + ": no comparison operator");
            return new Combination(List.of(), true);
        }
        onlyFields(node, Set.of("Variable", operator), extraFields, where, errors);
        Test test = new Test(variable.textValue(), operator, node.get(operator));
        String problem = test.check();
        if (problem != null) {
            errors.add(where + ": " + problem);
        }
        return test;
    }

    private static void onlyFields(JsonNode node, Set<String> fields, Set<String> extra, String where,
                                   List<String> errors) {
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name) && !extra.contains(name) && !name.equals("Comment")) {
                errors.add(where + ": unknown field '" + name + "' in a choice rule");
            }
        });
    }

    /** And (every rule matches) or Or (some rule matches). */
    static final class Combination extends ChoiceRule {
        private final List<ChoiceRule> rules;
        private final boolean every;

        Combination(List<ChoiceRule> rules, boolean every) {
            this.rules = rules;
            this.every = every;
        }

        @Override
        public boolean matches(JsonNode input, StateContext context) {
            return every ? rules.stream().allMatch(r -> r.matches(input, context))
                    : rules.stream().anyMatch(r -> r.matches(input, context));
        }
    }

    static final class None extends ChoiceRule {
        private final ChoiceRule rule;

        None(ChoiceRule rule) {
            this.rule = rule;
        }

        @Override
        public boolean matches(JsonNode input, StateContext context) {
            return !rule.matches(input, context);
        }
    }

    static final class Test extends ChoiceRule {
        private final String variable;
        private final String operator;
        private final JsonNode operand;
        private final boolean pathOperand;
        private final Pattern wildcard;

        Test(String variable, String operator, JsonNode operand) {
            this.variable = variable;
            this.pathOperand = operator.endsWith("Path") && !operator.startsWith("Is");
            this.operator = pathOperand ? operator.substring(0, operator.length() - 4) : operator;
            this.operand = operand;
            this.wildcard = this.operator.equals("StringMatches") && operand.isTextual()
                    ? wildcardPattern(operand.textValue()) : null;
        }

        String check() {
            if (pathOperand) {
                return operand.isTextual() && JsonPaths.isPath(operand.textValue()) ? null
                        : "'" + operator + "Path' must be a path";
            }
            if (operator.startsWith("Is")) {
                return operand.isBoolean() ? null : "'" + operator + "' must be true or false";
            }
            if (operator.startsWith("String")) {
                return operand.isTextual() ? null : "'" + operator + "' must be a string";
            }
            if (operator.startsWith("Numeric")) {
                return operand.isNumber() ? null : "'" + operator + "' must be a number";
            }
            if (operator.startsWith("Boolean")) {
                return operand.isBoolean() ? null : "'" + operator + "' must be a boolean";
            }
            return operand.isTextual() && timestamp(operand) != null ? null
                    : "'" + operator + "' must be an ISO-8601 timestamp";
        }

        @Override
        public boolean matches(JsonNode input, StateContext context) {
            if (operator.equals("IsPresent")) {
                return (JsonPaths.readOrNull(variable, input, context) != null) == operand.booleanValue();
            }
            JsonNode value = JsonPaths.read(variable, input, context);
            if (operator.startsWith("Is")) {
                boolean is = switch (operator) {
                    case "IsNull" -> value.isNull();
                    case "IsNumeric" -> value.isNumber();
                    case "IsString" -> value.isTextual();
                    case "IsBoolean" -> value.isBoolean();
                    default -> value.isTextual() && timestamp(value) != null;
                };
                return is == operand.booleanValue();
            }
            JsonNode other = pathOperand ? JsonPaths.read(operand.textValue(), input, context) : operand;
            if (operator.equals("StringMatches")) {
                return value.isTextual() && wildcard.matcher(value.textValue()).matches();
            }
            if (operator.startsWith("String")) {
                return value.isTextual() && other.isTextual() && compares(value.textValue().compareTo(other.textValue()));
            }
            if (operator.startsWith("Numeric")) {
                return value.isNumber() && other.isNumber() && compares(value.decimalValue().compareTo(other.decimalValue()));
            }
            if (operator.startsWith("Boolean")) {
                return value.isBoolean() && other.isBoolean() && value.booleanValue() == other.booleanValue();
            }
            OffsetDateTime left = timestamp(value);
            OffsetDateTime right = timestamp(other);
            return left != null && right != null && compares(left.toInstant().compareTo(right.toInstant()));
        }

        private boolean compares(int order) {
            if (operator.endsWith("GreaterThanEquals")) {
                return order >= 0;
            }
            if (operator.endsWith("LessThanEquals")) {
                return order <= 0;
            }
            if (operator.endsWith("GreaterThan")) {
                return order > 0;
            }
            if (operator.endsWith("LessThan")) {
                return order < 0;
            }
            return order == 0;
        }

        private static OffsetDateTime timestamp(JsonNode value) {
            if (!value.isTextual()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value.textValue());
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        /** StringMatches: {@code *} matches any run of characters, {@code \*} a literal star. */
        private static Pattern wildcardPattern(String text) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    regex.append(Pattern.quote(String.valueOf(text.charAt(++i))));
                } else if (c == '*') {
                    regex.append(".*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}
