package dev.overcast.cloudsim.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local HTTP server under clients that misbehave: raw sockets, so nothing smooths over what the server does. */
@Timeout(60)
class LoopbackServerTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    /** 404 for {@code /missing} without reading the body, as a front does for an unknown route; the body echoed elsewhere. */
    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/lost")) {
                return;
            }
            if (path.equals("/throw")) {
                throw new IllegalStateException("secret detail");
            }
            byte[] body = path.equals("/missing") ? "no such route".getBytes(StandardCharsets.UTF_8)
                    : exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(path.equals("/missing") ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private LoopbackServer start(Duration idleTimeout) {
        LoopbackServer server = new LoopbackServer("the test server", 0, LoopbackServerTest::handle, Optional.empty(), idleTimeout);
        open.add(server);
        return server;
    }

    private Socket connect(LoopbackServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.endpoint().getPort());
        socket.setSoTimeout(5_000);
        open.add(socket);
        return socket;
    }

    private static String host(LoopbackServer server) {
        return "127.0.0.1:" + server.endpoint().getPort();
    }

    @Test
    void keptAliveConnection_shouldAnswerEveryRequest_afterA404ThatLeftItsBodyUnread() throws IOException {
        LoopbackServer server = start(LoopbackServer.IDLE_TIMEOUT);
        int answered = 0;
        Socket socket = connect(server);
        for (int round = 0; round < 30; round++) {
            if (socket.isClosed() || socket.isInputShutdown()) {
                socket = connect(server);
            }
            String body = "{\"location\": \"eastus\", \"round\": " + round + "}";
            send(socket, "PUT /missing HTTP/1.1\r\nHost: " + host(server) + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            Answer missing = read(socket);
            assertThat(missing.status()).as("round %d", round).isEqualTo(404);
            if (missing.closes()) {
                socket.close();
                socket = connect(server);
            }
            send(socket, "POST /echo HTTP/1.1\r\nHost: " + host(server) + "\r\nContent-Length: 5\r\n\r\nhello");
            Answer echoed = read(socket);
            assertThat(echoed.status()).as("round %d", round).isEqualTo(200);
            assertThat(echoed.body()).isEqualTo("hello");
            answered++;
            if (echoed.closes()) {
                socket.close();
            }
        }
        assertThat(answered).isEqualTo(30);
    }

    @Test
    void stalledBodies_shouldNotStarveOtherClients() throws IOException {
        LoopbackServer server = start(LoopbackServer.IDLE_TIMEOUT);
        for (int stalled = 0; stalled < 8; stalled++) {
            send(connect(server), "POST /echo HTTP/1.1\r\nHost: " + host(server) + "\r\nContent-Length: 1000\r\n\r\nonly a start");
        }
        Socket fast = connect(server);
        long started = System.nanoTime();
        send(fast, "POST /echo HTTP/1.1\r\nHost: " + host(server) + "\r\nContent-Length: 4\r\n\r\nfast");

        Answer answer = read(fast);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void stalledBody_shouldBeCutOffAfterTheIdleTimeout() throws IOException {
        LoopbackServer server = start(Duration.ofMillis(500));
        Socket stalled = connect(server);
        send(stalled, "POST /echo HTTP/1.1\r\nHost: " + host(server) + "\r\nContent-Length: 1000\r\n\r\nonly a start");
        long started = System.nanoTime();

        byte[] rest = readUntilClosed(stalled.getInputStream());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        String answer = new String(rest, StandardCharsets.ISO_8859_1);
        assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 4") || answer.startsWith("HTTP/1.1 5")).as(answer).isTrue();
    }

    @Test
    void host_shouldBeRefused_unlessItNamesTheServedAddress() throws IOException {
        LoopbackServer server = start(LoopbackServer.IDLE_TIMEOUT);
        int port = server.endpoint().getPort();

        for (String foreign : List.of("rebound.example:" + port, "127.0.0.1:1", "192.168.1.10:" + port)) {
            Socket socket = connect(server);
            send(socket, "GET /echo HTTP/1.1\r\nHost: " + foreign + "\r\n\r\n");
            assertThat(read(socket).status()).as(foreign).isEqualTo(421);
        }
        for (String own : List.of("127.0.0.1:" + port, "localhost:" + port)) {
            Socket socket = connect(server);
            send(socket, "GET /echo HTTP/1.1\r\nHost: " + own + "\r\n\r\n");
            assertThat(read(socket).status()).as(own).isEqualTo(200);
        }
    }

    @Test
    void exchangeClosedWithoutAnAnswer_shouldCloseTheConnection() throws IOException {
        LoopbackServer server = start(LoopbackServer.IDLE_TIMEOUT);
        Socket socket = connect(server);
        send(socket, "GET /lost HTTP/1.1\r\nHost: " + host(server) + "\r\n\r\n");

        assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
    }

    @Test
    void ambiguousPaths_shouldBeRefusedBeforeAHandlerSeesThem() throws IOException {
        LoopbackServer server = start(LoopbackServer.IDLE_TIMEOUT);
        for (String path : List.of("/a%2Fb", "/%2e%2e/etc", "/x/..%2f..%2fetc")) {
            Socket socket = connect(server);
            send(socket, "GET " + path + " HTTP/1.1\r\nHost: " + host(server) + "\r\n\r\n");
            Answer refused = read(socket);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.body()).startsWith("{\"type\":\"urn:overcast:problem:http-400\"").doesNotContain("<html");
        }
    }

    @Test
    void badQueryEscape_andAHandlerThatThrows_shouldBeProblemsWithoutInternals() throws IOException {
        LoopbackServer server = start(LoopbackServer.IDLE_TIMEOUT);
        Socket socket = connect(server);
        send(socket, "GET /echo?ok=1&near=% HTTP/1.1\r\nHost: " + host(server) + "\r\n\r\n");
        Answer badQuery = read(socket);
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(badQuery.body()).contains("\"field\":\"near\"", "\"rule\":\"encoding\"");

        Socket another = connect(server);
        send(another, "GET /throw HTTP/1.1\r\nHost: " + host(server) + "\r\n\r\n");
        Answer failed = read(another);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).contains("urn:overcast:problem:http-500").doesNotContain("secret", "Exception");
    }

    private record Answer(int status, String body, boolean closes) {
    }

    private static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One HTTP/1.1 answer with a Content-Length (or none): status, body and whether the server closes after it. */
    private static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed without an answer after: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(next);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = 0;
        boolean closes = false;
        for (String line : lines) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            }
            if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8), closes);
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (IOException reset) {
            return new byte[0];
        }
    }
}
