package dev.overcast.cloudsim.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Faults that strike after the cloud did the work: the answer is lost (the client times out, as when a
 * connection drops mid-call) or arrives cut in half (truncated XML or JSON). The request itself was
 * applied, which is what makes these the hard case for idempotency: a client that retries a create
 * whose answer it never read must not make a second resource.
 */
public enum AnswerFault {
    /** The connection closes without an answer. */
    LOST("timeout"),
    /** The answer's status and headers arrive, then only the first half of its body. */
    TRUNCATED("malformed");

    /**
     * Struck exchanges until their answer is sent. Not an exchange attribute: the JDK server keeps those
     * on the shared context, so one struck answer would strike every later one. Weak, so an exchange that
     * failed before sending cannot pile up.
     */
    private static final Map<HttpExchange, AnswerFault> STRUCK = Collections.synchronizedMap(new WeakHashMap<>());

    private final String code;

    AnswerFault(String code) {
        this.code = code;
    }

    /** The fault code that selects this fault in {@code Faults.failNext} and in random faults. */
    public String code() {
        return code;
    }

    public static Optional<AnswerFault> of(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }

    /** Marks the exchange when {@code code} is an answer fault; false when it is an error code to answer with. */
    public static boolean strike(HttpExchange exchange, String code) {
        Optional<AnswerFault> fault = of(code);
        fault.ifPresent(f -> STRUCK.put(exchange, f));
        return fault.isPresent();
    }

    /**
     * Sends the answer, or what the exchange's fault leaves of it. An empty body is sent without one
     * ({@code -1}), as HEAD and 204 answers need.
     */
    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        AnswerFault fault = STRUCK.remove(exchange);
        if (fault == LOST) {
            // Closing an exchange that sent no headers closes the connection: the client reads end of stream.
            return;
        }
        byte[] sent = fault == TRUNCATED ? truncated(body) : body;
        if (sent.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, sent.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(sent);
        }
    }

    private static byte[] truncated(byte[] body) {
        return body.length < 2 ? new byte[] {'{'} : Arrays.copyOf(body, body.length / 2);
    }
}
