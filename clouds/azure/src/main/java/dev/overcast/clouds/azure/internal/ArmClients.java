package dev.overcast.clouds.azure.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import dev.overcast.clouds.azure.AzureConfig;
import dev.overcast.clouds.azure.AzureCredentials;
import dev.overcast.core.cloud.SecretResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/**
 * The SDK's service clients for one subscription, sharing one HTTP client, one credential and one
 * retry policy. Overcast uses the generated ("fluent") service clients rather than the fluent
 * builders: they send exactly one request per call and return at once, where the builders wait for
 * long-running operations (a 45-minute gateway) inside the call.
 */
public final class ArmClients {

    private static final String RESOURCE_MANAGER_ENDPOINT = "resourceManagerEndpointUrl";

    private final String subscriptionId;
    private final NetworkManagementClient network;
    private final ComputeManagementClient compute;
    private final ResourceManagementClient resources;
    private final AzureConfig config;

    public ArmClients(AzureConfig config, SecretResolver secrets) {
        this.config = config;
        this.subscriptionId = config.subscriptionId();
        HttpClient http = httpClient(config);
        AzureProfile profile = new AzureProfile(config.tenantId(), config.subscriptionId(), environment(config));
        TokenCredential credential = credential(config, secrets, http);
        // Throttling and 5xx are retried here a bounded number of times, honouring Retry-After; what is still
        // failing is the flow's to retry later.
        RetryPolicy retry = new RetryPolicy(new FixedDelay(config.maxRetries(), Duration.ofMillis(500)), "Retry-After", ChronoUnit.SECONDS);
        CountedCalls counted = new CountedCalls();
        this.network = NetworkManager.configure().withHttpClient(http).withRetryPolicy(retry).withPolicy(counted).authenticate(credential, profile).serviceClient();
        this.compute = ComputeManager.configure().withHttpClient(http).withRetryPolicy(retry).withPolicy(counted).authenticate(credential, profile).serviceClient();
        this.resources = ResourceManager.configure().withHttpClient(http).withRetryPolicy(retry).withPolicy(counted).authenticate(credential, profile)
                .withSubscription(config.subscriptionId()).serviceClient();
    }

    public NetworkManagementClient network() {
        return network;
    }

    public ComputeManagementClient compute() {
        return compute;
    }

    public ResourceManagementClient resources() {
        return resources;
    }

    public AzureConfig config() {
        return config;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    /** One resource group per cluster and region holds everything Overcast makes there. */
    public static String resourceGroup(String clusterId, String region) {
        return clusterId + "-" + region;
    }

    private static AzureEnvironment environment(AzureConfig config) {
        if (config.endpoint().isEmpty()) {
            return AzureEnvironment.AZURE;
        }
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put(RESOURCE_MANAGER_ENDPOINT, config.endpoint().get().toString());
        return new AzureEnvironment(endpoints);
    }

    private static HttpClient httpClient(AzureConfig config) {
        if (config.trustedCertificatePem().isEmpty()) {
            return new JdkHttpClientBuilder().build();
        }
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(trusting(config.trustedCertificatePem().get())))
                .build();
    }

    private static SSLContext trusting(String pem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("endpoint", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("trustedCertificatePem cannot be read as an X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static TokenCredential credential(AzureConfig config, SecretResolver secrets, HttpClient http) {
        AzureCredentials credentials = config.credentials();
        if (credentials instanceof AzureCredentials.ServicePrincipal principal) {
            return new ClientSecretCredentialBuilder().tenantId(config.tenantId()).clientId(principal.clientId())
                    .clientSecret(secrets.resolve(principal.secretRef())).httpClient(http).build();
        }
        if (credentials instanceof AzureCredentials.WorkloadIdentity workload) {
            return new WorkloadIdentityCredentialBuilder().tenantId(config.tenantId()).clientId(workload.clientId())
                    .tokenFilePath(workload.tokenFile().toString()).httpClient(http).build();
        }
        String token = ((AzureCredentials.StaticToken) credentials).token();
        // A TokenCredential is one method; a fixed token needs no identity library.
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }
}
