package dev.overcast.cloudsim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A local HTTP server on 127.0.0.1: Jetty, reached through the JDK's {@code com.sun.net.httpserver} API
 * ({@code jetty-http-spi}), so the fronts and endpoints keep their {@link HttpHandler}s while the
 * connection handling is a kept server's.
 * <p>
 * Why Jetty rather than the JDK's server: the JDK's has no read timeout (a client that stalls in its
 * body holds a handler thread for ever, so a few of them froze the API), and on a kept-alive connection
 * whose body a handler left unread it sometimes closes the connection without answering the next
 * request. Jetty reads headers without a thread, times out idle and stalled connections, drains or
 * closes what a handler left unread, and refuses ambiguous paths ({@code %2F}, encoded dot segments)
 * with 400 before a handler sees them.
 * <ul>
 *   <li>Bounded: at most {@value #MAX_THREADS} handler threads and {@value #MAX_CONNECTIONS} connections;
 *   a stalled client holds one thread for at most the idle timeout.</li>
 *   <li>{@code Host} must name the address served ({@code 127.0.0.1:PORT} or {@code localhost:PORT}):
 *   anything else is 421, so a page that rebinds its own DNS name to 127.0.0.1 cannot reach the server
 *   with the browser's credentials.</li>
 *   <li>An exchange closed without an answer closes the connection, as the JDK's server does: the
 *   fronts' lost-answer fault relies on it.</li>
 *   <li>What the server refuses itself (a target that is not a URI, an ambiguous path such as
 *   {@code %2F} or {@code %25}, a handler that threw) is an {@code application/problem+json} naming
 *   only the status and, for a bad escape in the query, the parameter.</li>
 * </ul>
 */
public final class LoopbackServer implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * Up to Lambda's regional concurrency, since every caller in the local world is a Lambda Task: with a
     * {@code LatencyModel} a request holds its thread for virtual time, which moves only once every caller
     * waits, so a request queued behind the pool would hold the clock for ever. Threads beyond the few
     * kept idle end after the idle timeout.
     */
    private static final int MAX_THREADS = 1_024;
    private static final int MAX_CONNECTIONS = 2_048;
    /** Longer than any local answer takes, shorter than a client would wait for a stalled peer. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final String ABORT = LoopbackServer.class.getName() + ".abort";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final ServerConnector connector;
    private final String scheme;

    /** @param what names the front in a bind failure, e.g. {@code the EC2 front} */
    public LoopbackServer(String what, int port, HttpHandler handler) {
        this(what, port, handler, Optional.empty(), IDLE_TIMEOUT);
    }

    /** Over TLS with {@code tls}'s certificate (the Azure front: the Azure SDK sends tokens only over https). */
    public LoopbackServer(String what, int port, HttpHandler handler, SSLContext tls) {
        this(what, port, handler, Optional.of(tls), IDLE_TIMEOUT);
    }

    LoopbackServer(String what, int port, HttpHandler handler, Optional<SSLContext> tls, Duration idleTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("loopback-" + what.replaceAll("\\W+", "-"));
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // One acceptor and one selector: the local servers are many and the machine small.
        connector = tls.map(context -> {
            SslContextFactory.Server factory = new SslContextFactory.Server();
            factory.setSslContext(context);
            // The certificate names 127.0.0.1; clients that dial an IP address send no SNI to check.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            return new ServerConnector(server, 1, 1, new SslConnectionFactory(factory, "http/1.1"), new HttpConnectionFactory(http));
        }).orElseGet(() -> new ServerConnector(server, 1, 1, new HttpConnectionFactory(http)));
        scheme = tls.isPresent() ? "https" : "http";
        connector.setHost(LOOPBACK);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(MAX_CONNECTIONS, server));
        server.setErrorHandler(new ProblemErrors());
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        server.setHandler(new LoopbackOnly(contexts));
        HttpContext context = new JettyHttpServer(server, true).createContext("/", handler);
        context.getFilters().add(new CloseWithoutAnswer());
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new UncheckedIOException("cannot bind " + what + " on " + LOOPBACK + ":" + port,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** {@code http://127.0.0.1:PORT} ({@code https} over TLS). */
    public URI endpoint() {
        return URI.create(scheme + "://" + LOOPBACK + ":" + connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the server on " + LOOPBACK + ":" + connector.getLocalPort(), e);
        }
    }

    /** The parameters of a raw query string ({@code a=1&b=x%20y}); pairs without {@code =} are left out. */
    public static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    /**
     * Refuses a {@code Host} that is not this server's address, and a request target that is not a URI
     * (RFC 3986: {@code ?near=%}), which {@code HttpExchange.getRequestURI()} could not even represent;
     * gives each exchange a way to drop its connection.
     */
    private final class LoopbackOnly extends Handler.Wrapper {
        LoopbackOnly(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            int port = connector.getLocalPort();
            String host = request.getHeaders().get(HttpHeader.HOST);
            if (host == null || !Set.of(LOOPBACK + ":" + port, "localhost:" + port).contains(host.toLowerCase(Locale.ROOT))) {
                refuse(response, callback, HttpStatus.MISDIRECTED_REQUEST_421, "Host must be " + LOOPBACK + ":" + port
                        + " or localhost:" + port, List.of());
                return true;
            }
            try {
                URI.create(request.getHttpURI().toString());
            } catch (IllegalArgumentException e) {
                String field = undecodable(request.getHttpURI().getQuery()).orElse("path");
                refuse(response, callback, HttpStatus.BAD_REQUEST_400, "the request target is not a valid URI (RFC 3986)",
                        List.of(Map.of("field", field, "rule", "encoding", "message", "not valid percent-encoding (RFC 3986 section 2.1)")));
                return true;
            }
            request.setAttribute(ABORT, (Runnable) () -> request.getConnectionMetaData().getConnection().getEndPoint().close());
            return super.handle(request, response, callback);
        }

        /** The first query parameter whose text is not valid percent-encoding. */
        private static Optional<String> undecodable(String query) {
            for (String pair : query == null ? new String[0] : query.split("&")) {
                try {
                    URLDecoder.decode(pair, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    int eq = pair.indexOf('=');
                    return Optional.of(eq < 0 ? pair : pair.substring(0, eq));
                }
            }
            return Optional.empty();
        }
    }

    /** An RFC 9457 problem; {@code Cache-Control: no-store}, as every answer of the local API. */
    private static void refuse(Response response, Callback callback, int status, String detail, List<Map<String, String>> violations) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:overcast:problem:http-" + status);
        problem.put("title", HttpStatus.getMessage(status));
        problem.put("status", status);
        problem.put("detail", detail);
        if (!violations.isEmpty()) {
            problem.put("violations", violations);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try {
            response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(problem)), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }

    /**
     * What the server itself refuses (a malformed or ambiguous request line, a handler that threw) is an
     * RFC 9457 problem naming only the status: never Jetty's HTML page, never an exception's text.
     */
    private static final class ProblemErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            refuse(response, callback, code, "the server refused the request: " + HttpStatus.getMessage(code), List.of());
        }
    }

    /**
     * Closing an exchange that sent no status closes the connection instead of answering 200, as the
     * JDK's server does: the fronts' lost-answer fault depends on it.
     */
    private static final class CloseWithoutAnswer extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            AtomicBoolean unanswered = new AtomicBoolean();
            exchange.setStreams(exchange.getRequestBody(), new FilterOutputStream(exchange.getResponseBody()) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    if (exchange.getResponseCode() <= 0) {
                        unanswered.set(true);
                        return;
                    }
                    super.close();
                }
            });
            // A handler that throws is answered 500 by the server; only one that returns without answering drops the connection.
            chain.doFilter(exchange);
            if (unanswered.get()) {
                ((Runnable) exchange.getAttribute(ABORT)).run();
            }
        }

        @Override
        public String description() {
            return "an exchange closed without an answer drops its connection";
        }
    }
}
