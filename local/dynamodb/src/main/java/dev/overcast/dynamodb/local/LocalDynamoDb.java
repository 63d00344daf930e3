package dev.overcast.dynamodb.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running in this JVM, in memory, telemetry off, behind its own HTTP port: the one
 * place that knows how to start it, shared by the store's tests and the local runtime.
 *
 * <p>It listens on HTTP rather than being called through the embedded in-process client so that the
 * code under test talks to it through a real SDK client (endpoint override, HTTP, retries,
 * interceptors) exactly as a Lambda talks to DynamoDB. The sqlite4java native libraries ship inside
 * the DynamoDB Local jar and are loaded from there. {@code -sharedDb} makes every client see the same
 * tables whatever its credentials or region.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private static final int START_ATTEMPTS = 5;

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts a fresh in-memory instance on a free port. */
    public static LocalDynamoDb start() {
        Exception last = null;
        // The port is free when probed but may be taken before Jetty binds it: try a few.
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                return new LocalDynamoDb(server, port);
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start after " + START_ATTEMPTS + " attempts", last);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A synchronous client for this instance with fixed local credentials. */
    public DynamoDbClient client() {
        return clientBuilder().build();
    }

    /** A client builder already pointed at this instance, for callers that add interceptors or settings. */
    public DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
