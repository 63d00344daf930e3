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
 * {@code field != value} and the regular-expression form {@code field eq "re"} / {@code field ne "re"}, on
 * {@code name}, {@code description}, {@code status} or {@code labels.KEY}, joined by {@code AND} or by
 * juxtaposed parentheses ({@code (a) (b)}). Hand-written: no library parses this grammar, and the subset is small.
 */
final class ListFilter {

    private record Term(String field, String operator, String value) {}

    private static final Pattern TERM = Pattern.compile(
            "\\(?\\s*([a-zA-Z][\\w.-]*)\\s*(=|!=|\\beq\\b|\\bne\\b)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s()]+)\\s*\\)?\\s*(?:AND\\s+)?");

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
            String actual = term.field().startsWith("labels.")
                    ? labels.get(term.field().substring("labels.".length()))
                    : fields.get(term.field()) == null ? null : String.valueOf(fields.get(term.field()));
            boolean equal = switch (term.operator()) {
                case "eq", "ne" -> actual != null && Pattern.compile(term.value()).matcher(actual).matches();
                default -> term.value().equals(actual);
            };
            boolean wanted = term.operator().equals("=") || term.operator().equals("eq");
            if (equal != wanted) {
                return false;
            }
        }
        return true;
    }

    private static CloudError invalid(String filter, String why) {
        return new CloudError(ComputeErrors.INVALID, "Invalid list filter expression '" + filter + "': " + why + ".");
    }
}
