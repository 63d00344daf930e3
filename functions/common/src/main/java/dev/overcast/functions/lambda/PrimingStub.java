package dev.overcast.functions.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    private final AtomicInteger answered = new AtomicInteger();

    private PrimingStub(HttpServer server) {
        this.server = server;
    }

    public static PrimingStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PrimingStub stub = new PrimingStub(server);
            server.createContext("/", stub::answer);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the priming stub on loopback", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
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
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
        answered.incrementAndGet();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
