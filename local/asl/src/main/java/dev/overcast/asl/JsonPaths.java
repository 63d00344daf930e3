package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath as ASL uses it. Evaluation is Jayway's (the engine whose messages AWS reports); this class
 * adds what ASL defines on top: {@code $$} selects from the context object, {@code $name} from a
 * variable.
 */
public final class JsonPaths {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);

    private JsonPaths() {
    }

    /** Whether a string is a path ASL accepts in a {@code .$} field or a *Path field. */
    public static boolean isPath(String text) {
        return text.startsWith("$");
    }

    /** Checks the syntax; returns an explanation, or null when the path compiles. */
    public static String syntaxError(String path) {
        try {
            JsonPath.compile(literalBackslashes(jaywayPath(path)));
            return null;
        } catch (InvalidPathException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Selects with a path; a definite path that matches nothing fails with States.Runtime and Jayway's
     * message, as AWS reports it.
     */
    public static JsonNode read(String path, JsonNode input, StateContext context) {
        if (path.equals("$")) {
            return input;
        }
        try {
            if (path.startsWith("$$")) {
                return select("$" + path.substring(2), context.contextObject());
            }
            Matcher variable = VARIABLE.matcher(path);
            if (variable.matches()) {
                JsonNode value = context.variables().get(variable.group(1));
                if (value == null) {
                    throw StatesError.runtime("Invalid path '" + path + "': The variable '" + variable.group(1)
                            + "' is not defined.");
                }
                String rest = variable.group(2);
                return rest.isEmpty() ? value : select("$" + rest, value);
            }
            return select(path, input);
        } catch (PathNotFoundException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        } catch (InvalidPathException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    /** Like {@link #read}, but a path that matches nothing yields null instead of failing (Choice rules). */
    public static JsonNode readOrNull(String path, JsonNode input, StateContext context) {
        try {
            return read(path, input, context);
        } catch (StatesError e) {
            return null;
        }
    }

    private static JsonNode select(String path, JsonNode document) {
        JsonPath compiled = JsonPath.compile(literalBackslashes(path));
        try {
            return Json.tree(compiled.read(document, JAYWAY));
        } catch (PathNotFoundException e) {
            // AWS yields an empty list when an indefinite path (wildcard, slice, filter) finds nothing.
            if (!compiled.isDefinite()) {
                return Json.NODES.arrayNode();
            }
            throw e;
        }
    }

    /**
     * AWS reads a backslash inside a quoted bracket name literally (only an escaped closing quote is an
     * escape); Jayway treats every backslash as an escape, so the others are doubled for it.
     */
    private static String literalBackslashes(String path) {
        if (path.indexOf('\\') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote == 0) {
                if ((c == '\'' || c == '"') && i > 0 && path.charAt(i - 1) == '[') {
                    quote = c;
                }
            } else if (c == '\\') {
                boolean escapesQuote = i + 1 < path.length() && path.charAt(i + 1) == quote;
                out.append(escapesQuote ? "\\" + quote : "\\\\");
                i += escapesQuote ? 1 : 0;
                continue;
            } else if (c == quote) {
                quote = 0;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String jaywayPath(String path) {
        if (path.startsWith("$$")) {
            return "$" + path.substring(2);
        }
        Matcher variable = VARIABLE.matcher(path);
        return variable.matches() ? "$" + variable.group(2) : path;
    }
}
