package dev.overcast.dynamodb.local;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local running in this JVM, in memory, behind its own HTTP port on 127.0.0.1: the one place
 * that knows how to start it, shared by the store's tests and the local runtime.
 *
 * <p>It listens on HTTP rather than being called through the embedded in-process client so that the
 * code under test talks to it through a real SDK client (endpoint override, HTTP, retries,
 * interceptors) exactly as a Lambda talks to DynamoDB, and so the cold-start benchmark's fresh JVMs can
 * reach it. Its own server ({@code ServerRunner}, {@code DynamoDBProxyServer}) has no host option and
 * binds every interface, so that anyone on the network could read and write every tenant's data:
 * DynamoDB Local's request handler is mounted on a Jetty server of ours, bound to 127.0.0.1 alone, on a
 * port the system picks (no probe-then-bind race). In memory, one database for every client whatever
 * its credentials or region ({@code -inMemory -sharedDb}); telemetry is sent only by the proxy
 * server's start, which is not used. The sqlite4java native libraries ship inside the DynamoDB Local
 * jar and are loaded from there.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    private LocalDynamoDb(Server server, LocalDynamoDBServerHandler handler, int port) {
        this.server = server;
        this.handler = handler;
        this.endpoint = URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** Starts a fresh in-memory instance on a free loopback port. */
    public static LocalDynamoDb start() {
        Server server = new Server();
        LocalDynamoDBServerHandler handler;
        try {
            // As ServerRunner builds it for -inMemory -sharedDb: no port of its own, no file, no delayed statuses, no CORS.
            handler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local's request handler did not start", e);
        }
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(LOOPBACK);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ContextHandler(handler, "/"));
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            throw new IllegalStateException("DynamoDB Local did not start on " + LOOPBACK, e);
        }
        return new LocalDynamoDb(server, handler, connector.getLocalPort());
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
        } finally {
            handler.close();
        }
    }
}
