package dev.overcast.cloudsim.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A front's HTTP server on 127.0.0.1: the JDK's {@code com.sun.net.httpserver} (no dependency for a
 * loopback test server) with a bounded executor.
 */
public final class LoopbackServer implements AutoCloseable {

    private static final int MAX_CONCURRENT_REQUESTS = 1_024;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    /** @param what names the front in a bind failure, e.g. {@code the EC2 front} */
    public LoopbackServer(String what, int port, HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + what + " on 127.0.0.1:" + port, e);
        }
        // A thread per request up to Lambda's regional concurrency (every caller in the local world is a Lambda
        // Task): with a LatencyModel a request holds its thread for virtual time, which moves only once every
        // caller waits, so a request queued behind it would hold the clock forever. Beyond that, a runaway
        // client queues up to 256 requests, then is refused rather than exhausting memory.
        executor = new ThreadPoolExecutor(MAX_CONCURRENT_REQUESTS, MAX_CONCURRENT_REQUESTS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256));
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
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
}
