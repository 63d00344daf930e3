package dev.overcast.functions.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harmless target a function primes against before its snapshot: a loopback HTTP server that
 * answers every call with an empty, well-formed result in the caller's protocol, so the SDKs load and
 * run their whole request and response path without touching an account. AWS JSON protocols (a
 * {@code X-Amz-Target} header: DynamoDB, Step Functions, Secrets Manager) get an empty object with empty
 * item lists; the EC2 Query protocol ({@code Action=} form) gets {@code <ActionResponse>} with a request
 * id and no sets; ARM's REST ({@code /subscriptions/...}) an empty {@code value} page; anything else
 * (Compute Engine's REST) an empty object, a list without items.
 */
public final class PrimingStub implements AutoCloseable {
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private final HttpServer server;
    private final ServerSocket handshakes;
    private final AtomicInteger answered = new AtomicInteger();

    private PrimingStub(HttpServer server, ServerSocket handshakes) {
        this.server = server;
        this.handshakes = handshakes;
    }

    public static PrimingStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ServerSocket handshakes = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
            PrimingStub stub = new PrimingStub(server, handshakes);
            server.createContext("/", stub::answer);
            server.start();
            Thread closer = new Thread(stub::endHandshakes, "priming-tls-stub");
            closer.setDaemon(true);
            closer.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the priming stub on loopback", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /**
     * An https endpoint for clients that speak only TLS (ARM's bearer tokens): it reads the client's hello
     * and hangs up, so the client has built and sent its handshake and fails at once, where a plain HTTP
     * server would wait for a request line that never comes.
     */
    public URI tlsEndpoint() {
        return URI.create("https://" + handshakes.getInetAddress().getHostAddress() + ":" + handshakes.getLocalPort());
    }

    private void endHandshakes() {
        while (!handshakes.isClosed()) {
            try (Socket client = handshakes.accept()) {
                client.getInputStream().read(new byte[512]);
            } catch (IOException e) {
                // closed by close(), or a client that left first: either way nothing to answer
            }
        }
    }

    public int answered() {
        return answered.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher action = ACTION.matcher(URLDecoder.decode(body, StandardCharsets.UTF_8));
        String contentType;
        String response;
        if (exchange.getRequestHeaders().containsKey("X-Amz-Target")) {
            contentType = "application/x-amz-json-1.0";
            response = "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}";
        } else if (action.find()) {
            contentType = "text/xml;charset=UTF-8";
            response = "<" + action.group(1) + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                    + "<requestId>priming</requestId></" + action.group(1) + "Response>";
        } else {
            contentType = "application/json";
            response = exchange.getRequestURI().getPath().startsWith("/subscriptions/") ? "{\"value\":[]}" : "{}";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        // Counted before the answer leaves: a caller that has its answer must find it counted.
        answered.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            handshakes.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the priming stub's TLS listener", e);
        }
    }
}
