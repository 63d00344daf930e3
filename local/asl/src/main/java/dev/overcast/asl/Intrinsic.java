package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed intrinsic function call such as {@code States.Format('{} items', $.count)}. Hand-written
 * because no library parses ASL's intrinsic syntax; it is small: calls, quoted strings with
 * backslash escapes, numbers, booleans, null and paths.
 */
public record Intrinsic(String name, List<Argument> arguments) {

    /** One argument of a call. */
    public sealed interface Argument permits Literal, Text, PathArgument, Intrinsic.Call {
    }

    /** A number, boolean or null written in the call. */
    public record Literal(JsonNode value) implements Argument {
    }

    /** A quoted string: its value, and its raw form (States.Format needs to know which braces were escaped). */
    public record Text(String value, String raw) implements Argument {
    }

    /** A path, evaluated against the state input, the context object or a variable. */
    public record PathArgument(String path) implements Argument {
    }

    /** A nested call. */
    public record Call(Intrinsic intrinsic) implements Argument {
    }

    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /** Parses a whole expression; throws IllegalArgumentException naming what is wrong. */
    public static Intrinsic parse(String text) {
        Reader reader = new Reader(text);
        Intrinsic call = reader.call();
        reader.skipSpaces();
        if (!reader.atEnd()) {
            throw new IllegalArgumentException("unexpected text after the call at position " + reader.position);
        }
        IntrinsicFunctions.checkArity(call);
        return call;
    }

    private static final class Reader {
        private final String text;
        private int position;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        Intrinsic call() {
            skipSpaces();
            int open = text.indexOf('(', position);
            if (open < 0) {
                throw new IllegalArgumentException("'(' expected after the function name");
            }
            String name = text.substring(position, open).trim();
            if (!name.matches("States\\.[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("'" + name + "' is not an intrinsic function name");
            }
            position = open + 1;
            List<Argument> arguments = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                position++;
                return new Intrinsic(name, List.copyOf(arguments));
            }
            while (true) {
                arguments.add(argument());
                skipSpaces();
                char c = peek();
                position++;
                if (c == ')') {
                    return new Intrinsic(name, List.copyOf(arguments));
                }
                if (c != ',') {
                    throw new IllegalArgumentException("',' or ')' expected at position " + (position - 1));
                }
            }
        }

        private char peek() {
            if (atEnd()) {
                throw new IllegalArgumentException("unexpected end of the expression");
            }
            return text.charAt(position);
        }

        private Argument argument() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return text();
            }
            if (c == '$') {
                return new PathArgument(pathText());
            }
            if (text.startsWith("States.", position)) {
                return new Call(call());
            }
            int start = position;
            while (!atEnd() && text.charAt(position) != ',' && text.charAt(position) != ')') {
                position++;
            }
            String token = text.substring(start, position).trim();
            if (token.equals("true") || token.equals("false") || token.equals("null")
                    || token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                return new Literal(Json.parse(token));
            }
            throw new IllegalArgumentException("'" + token + "' is not a valid argument");
        }

        private Text text() {
            StringBuilder value = new StringBuilder();
            int start = ++position;
            while (true) {
                char c = peek();
                if (c == '\\') {
                    position++;
                    value.append(peek());
                } else if (c == '\'') {
                    String raw = text.substring(start, position);
                    position++;
                    return new Text(value.toString(), raw);
                } else {
                    value.append(c);
                }
                position++;
            }
        }

        /** A path runs to the next top-level ',' or ')', skipping brackets, parentheses and quotes. */
        private String pathText() {
            int start = position;
            int depth = 0;
            char quote = 0;
            while (!atEnd()) {
                char c = text.charAt(position);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                position++;
            }
            return text.substring(start, position).trim();
        }
    }
}
