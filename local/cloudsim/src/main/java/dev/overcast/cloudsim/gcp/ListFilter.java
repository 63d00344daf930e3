package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code filter} of Compute list calls, for the forms clients send: comparisons {@code field = "value"},
 * {@code field != value}, the has operator {@code field:value} ({@code labels.owner:*}: the key is defined; on a
 * list, an element equals the value) and the regular-expression form {@code field eq "re"} / {@code field ne "re"},
 * on any field, nested ones by dotted path ({@code labels.KEY}, {@code bgp.asn}), joined by {@code AND} or by
 * juxtaposed parentheses ({@code (a) (b)}), as the discovery document's {@code filter} parameter describes them.
 * Hand-written: no library parses this grammar, and the subset is small.
 */
final class ListFilter {

    private record Term(String field, String operator, String value) {}

    private static final Pattern TERM = Pattern.compile(
            "\\(?\\s*([a-zA-Z][\\w.-]*)\\s*(=|!=|:|\\beq\\b|\\bne\\b)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s()]+)\\s*\\)?\\s*(?:AND\\s+)?");

    private final List<Term> terms;

    private ListFilter(List<Term> terms) {
        this.terms = terms;
    }

    static ListFilter parse(String filter) {
        List<Term> terms = new ArrayList<>();
        if (filter == null || filter.isBlank()) {
            return new ListFilter(terms);
        }
        String text = filter.trim();
        Matcher m = TERM.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at || m.end() == at) {
                throw invalid(filter, "cannot parse near '" + text.substring(at) + "'");
            }
            String value = m.group(3);
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
            }
            String operator = m.group(2);
            if (operator.equals("eq") || operator.equals("ne")) {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw invalid(filter, "'" + value + "' is not a regular expression");
                }
            }
            terms.add(new Term(m.group(1), operator, value));
            at = m.end();
        }
        return new ListFilter(terms);
    }

    /** Whether a resource, as its JSON fields and labels, passes every term. */
    boolean matches(Map<String, Object> fields, Map<String, String> labels) {
        for (Term term : terms) {
            Object actual = term.field().startsWith("labels.")
                    ? labels.get(term.field().substring("labels.".length()))
                    : at(fields, term.field());
            boolean wanted = !term.operator().equals("!=") && !term.operator().equals("ne");
            if (passes(term, actual) != wanted) {
                return false;
            }
        }
        return true;
    }

    private static boolean passes(Term term, Object actual) {
        return switch (term.operator()) {
            // On a list, as gcloud rewrites "targetTags:web" into targetTags eq ".*\\bweb\\b.*": any element matches.
            case "eq", "ne" -> actual instanceof List<?> list
                    ? list.stream().anyMatch(e -> Pattern.compile(term.value()).matcher(String.valueOf(e)).matches())
                    : actual != null && Pattern.compile(term.value()).matcher(String.valueOf(actual)).matches();
            case ":" -> term.value().equals("*") ? actual != null
                    : actual instanceof List<?> list ? list.stream().anyMatch(e -> term.value().equals(String.valueOf(e)))
                    : actual instanceof Map<?, ?> map ? map.containsKey(term.value())
                    : term.value().equals(String.valueOf(actual));
            default -> actual != null && term.value().equals(String.valueOf(actual));
        };
    }

    /** The value at a dotted path through nested objects, or null. */
    private static Object at(Map<String, Object> fields, String path) {
        Object value = fields;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static CloudError invalid(String filter, String why) {
        return new CloudError(ComputeErrors.INVALID, "Invalid list filter expression '" + filter + "': " + why + ".");
    }
}
