package dev.overcast.clouds.gcp.internal;

import com.google.api.core.ApiFunction;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.httpjson.InstantiatingHttpJsonChannelProvider;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.TransportChannel;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.compute.v1.AddressesClient;
import com.google.cloud.compute.v1.AddressesSettings;
import com.google.cloud.compute.v1.ExternalVpnGatewaysClient;
import com.google.cloud.compute.v1.ExternalVpnGatewaysSettings;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.GlobalOperationsClient;
import com.google.cloud.compute.v1.GlobalOperationsSettings;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import com.google.cloud.compute.v1.VpnGatewaysClient;
import com.google.cloud.compute.v1.VpnGatewaysSettings;
import com.google.cloud.compute.v1.VpnTunnelsClient;
import com.google.cloud.compute.v1.VpnTunnelsSettings;
import com.google.cloud.compute.v1.stub.InstancesStubSettings;
import dev.overcast.clouds.gcp.GcpConfig;
import dev.overcast.clouds.gcp.GcpCredentials;
import dev.overcast.core.cloud.SecretResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Compute clients (Compute is served over REST only) the adapter uses, one per collection, built once: a client is
 * expensive to build (cold start) and the clients are regionless (the region is a request field). All share
 * one credentials provider; transient failures (503, deadline) are retried {@code maxAttempts} times by
 * the client, inserts included, which {@code requestId} makes safe.
 *
 * <p>The clients share one HTTP channel (one connection pool to the endpoint), whose requests run on a
 * pool that grows with the calls in flight and shrinks when idle, and one background thread for retry
 * delays: left to their defaults, each of the ten clients starts its own channel, deadline timer and
 * executor of four threads, about a hundred threads per project, which a process serving many projects
 * (the local world's tenants) cannot afford.
 */
public final class ComputeClients implements AutoCloseable {
    private static final CountedCalls COUNTED_CALLS = new CountedCalls();

    private static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private final String project;
    private final GcpConfig config;
    private final CredentialsProvider credentials;
    private final ExecutorService requests = Executors.newCachedThreadPool(daemonThreads("compute-http"));
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(daemonThreads("compute-background"));
    private final TransportChannel channel;
    private final List<AutoCloseable> all = new ArrayList<>();
    public final NetworksClient networks;
    public final SubnetworksClient subnetworks;
    public final FirewallsClient firewalls;
    public final AddressesClient addresses;
    public final RoutersClient routers;
    public final VpnGatewaysClient vpnGateways;
    public final ExternalVpnGatewaysClient externalVpnGateways;
    public final VpnTunnelsClient vpnTunnels;
    public final InstancesClient instances;
    public final GlobalOperationsClient globalOperations;

    public ComputeClients(GcpConfig config, SecretResolver secrets) {
        this.project = config.project();
        this.config = config;
        this.credentials = credentials(config.credentials(), secrets);
        try {
            this.channel = InstantiatingHttpJsonChannelProvider.newBuilder()
                    .setEndpoint(config.endpoint().map(Object::toString).orElse(InstancesStubSettings.getDefaultEndpoint()))
                    .setExecutor(requests)
                    // Every call is counted for the functions' CloudCalls metrics.
                    .setInterceptorProvider(() -> List.of(COUNTED_CALLS))
                    .build()
                    .withHeaders(InstancesStubSettings.defaultApiClientHeaderProviderBuilder().build().getHeaders())
                    .getTransportChannel();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot open the Compute channel", e);
        }
        ApiFunction<UnaryCallSettings.Builder<?, ?>, Void> retries = method -> {
            method.setRetryableCodes(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED);
            method.setRetrySettings(method.getRetrySettings().toBuilder()
                    .setMaxAttempts(config.maxAttempts())
                    .setInitialRetryDelayDuration(Duration.ofMillis(200))
                    .setRetryDelayMultiplier(2)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                    .build());
            return null;
        };
        try {
            networks = keep(NetworksClient.create(
                    configure(NetworksSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            subnetworks = keep(SubnetworksClient.create(
                    configure(SubnetworksSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            firewalls = keep(FirewallsClient.create(
                    configure(FirewallsSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            addresses = keep(AddressesClient.create(
                    configure(AddressesSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            routers = keep(RoutersClient.create(
                    configure(RoutersSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            vpnGateways = keep(VpnGatewaysClient.create(
                    configure(VpnGatewaysSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            externalVpnGateways = keep(ExternalVpnGatewaysClient.create(
                    configure(ExternalVpnGatewaysSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            vpnTunnels = keep(VpnTunnelsClient.create(
                    configure(VpnTunnelsSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            instances = keep(InstancesClient.create(
                    configure(InstancesSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
            globalOperations = keep(GlobalOperationsClient.create(
                    configure(GlobalOperationsSettings.newBuilder(), config, credentials).applyToAllUnaryMethods(retries).build()));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot build the Compute clients", e);
        }
    }

    public String project() {
        return project;
    }

    /** Settings for another Google client of this project (the preflight's), with the same endpoint and credentials. */
    public <B extends ClientSettings.Builder<?, B>> B asProject(B builder) {
        return configure(builder, config, credentials);
    }

    /** The request headers (a bearer token, or none for an emulator) for a call to {@code uri} outside the Compute clients. */
    public Map<String, List<String>> authorization(java.net.URI uri) throws IOException {
        com.google.auth.Credentials given = credentials.getCredentials();
        return given == null ? Map.of() : given.getRequestMetadata(uri);
    }

    public GcpConfig config() {
        return config;
    }

    private <C extends AutoCloseable> C keep(C client) {
        all.add(client);
        return client;
    }

    private <B extends ClientSettings.Builder<?, B>> B configure(B builder, GcpConfig config, CredentialsProvider credentials) {
        builder.setCredentialsProvider(credentials)
                .setTransportChannelProvider(FixedTransportChannelProvider.create(channel))
                .setBackgroundExecutorProvider(FixedExecutorProvider.create(background));
        config.endpoint().ifPresent(uri -> builder.setEndpoint(uri.toString()));
        return builder;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static CredentialsProvider credentials(GcpCredentials given, SecretResolver secrets) {
        String json;
        if (given instanceof GcpCredentials.ServiceAccountKey key) {
            json = secrets.resolve(key.keyReference());
        } else if (given instanceof GcpCredentials.WorkloadIdentityFederation federation) {
            json = federation.externalAccountJson();
        } else {
            return NoCredentialsProvider.create();
        }
        try {
            return FixedCredentialsProvider.create(GoogleCredentials
                    .fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                    .createScoped(CLOUD_PLATFORM_SCOPE));
        } catch (IOException e) {
            // The message names the credential type only; the JSON may hold a private key.
            throw new IllegalArgumentException("the " + given.getClass().getSimpleName() + " credentials are not valid Google credentials JSON", e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable client : all) {
            try {
                client.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close a Compute client", e);
            }
        }
        all.clear();
        if (channel != null) {
            channel.shutdownNow();
        }
        requests.shutdownNow();
        background.shutdownNow();
    }
}
