package dev.overcast.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every API client command shares: where the API is, the token, {@code --json}, and one mapping
 * from the API's answers to exit codes:
 * 0 done, 1 API unreachable or failing (5xx), 2 request refused as invalid (400, 413, 415, 422) or an
 * unreadable file, 3 not authenticated (401), 4 no such cluster (404), 5 conflict (409).
 */
abstract class ClientCommand implements Callable<Integer> {
    static final String EXIT_CODES = "Exit status: 0 done, 1 API unreachable or failing, 2 invalid request, "
            + "3 not authenticated, 4 not found, 5 conflict.";
    static final int UNAVAILABLE = 1;
    static final int INVALID = 2;
    static final int UNAUTHORIZED = 3;
    static final int NOT_FOUND = 4;
    static final int CONFLICT = 5;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--endpoint", defaultValue = "${env:OVERCAST_ENDPOINT:-http://127.0.0.1:8080}",
            description = "the API (env OVERCAST_ENDPOINT; default ${DEFAULT-VALUE})")
    URI endpoint;

    @Option(names = "--token", defaultValue = "${env:OVERCAST_TOKEN}",
            description = "bearer token (env OVERCAST_TOKEN)")
    String token;

    @Option(names = "--json", description = "print the API's JSON answer instead of a table")
    boolean json;

    @Spec
    CommandSpec command;

    /** Does the command's work and prints its result; API refusals are thrown as {@link ApiError}. */
    abstract void run(ApiClient api, PrintWriter out);

    @Override
    public final Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            run(new ApiClient(endpoint, token, JSON), out);
            return 0;
        } catch (ApiError e) {
            if (json && e.problem() != null) {
                out.println(e.problem().toPrettyString());
            } else {
                err.println("overcast " + command.name() + ": " + e.getMessage());
                JsonNode violations = e.problem() == null ? null : e.problem().get("violations");
                if (violations != null) {
                    violations.forEach(v -> err.printf("  %s: %s [%s]%n", v.path("field").asText(),
                            v.path("message").asText(), v.path("rule").asText()));
                }
            }
            return exitCode(e.status());
        } finally {
            out.flush();
            err.flush();
        }
    }

    static int exitCode(int status) {
        return switch (status) {
            case 400, 413, 415, 422 -> INVALID;
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> UNAVAILABLE;
        };
    }

    void print(PrintWriter out, JsonNode answer, String table) {
        out.print(json ? answer.toPrettyString() + System.lineSeparator() : table);
    }
}
