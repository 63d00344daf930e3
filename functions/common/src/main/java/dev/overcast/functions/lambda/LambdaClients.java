package dev.overcast.functions.lambda;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What a function's AWS clients (DynamoDB, Step Functions, Secrets Manager) stand on: one URLConnection
 * HTTP client and one credentials provider, shared, so every client is built once at init. A SnapStart
 * snapshot freezes both; {@link #renew()} puts fresh ones under the same clients after a restore:
 * connections opened before the snapshot are gone, credentials cached then belong to the init's session,
 * and the SDK's learned clock skew was measured on another machine's clock.
 */
public final class LambdaClients {
    private final RenewableHttpClient http = new RenewableHttpClient();
    private final RenewableCredentials credentials = new RenewableCredentials();

    /** A client builder of this function's account and region, on the shared HTTP client and credentials. */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClient(http);
        return builder.credentialsProvider(credentials);
    }

    /** A client builder aimed at a priming stub: same HTTP client, throwaway keys, nothing of the account's. */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B onStub(B builder, URI stub) {
        builder.httpClient(http).region(Region.US_EAST_1).endpointOverride(stub);
        return builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")));
    }

    /** After a restore: new connections, credentials resolved afresh, no clock skew carried over. */
    public void renew() {
        http.renew();
        credentials.renew();
        SdkGlobalTime.setGlobalTimeOffset(0);
    }

    SdkHttpClient httpClientInUse() {
        return http.current;
    }

    AwsCredentialsProvider credentialsInUse() {
        return credentials.current;
    }

    private static final class RenewableHttpClient implements SdkHttpClient {
        private volatile SdkHttpClient current = UrlConnectionHttpClient.create();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return current.prepareRequest(request);
        }

        @Override
        public String clientName() {
            return current.clientName();
        }

        void renew() {
            SdkHttpClient old = current;
            current = UrlConnectionHttpClient.create();
            old.close();
        }

        @Override
        public void close() {
            current.close();
        }
    }

    private static final class RenewableCredentials implements AwsCredentialsProvider {
        private volatile AwsCredentialsProvider current = DefaultCredentialsProvider.builder().build();

        @Override
        public AwsCredentials resolveCredentials() {
            return current.resolveCredentials();
        }

        void renew() {
            AwsCredentialsProvider old = current;
            current = DefaultCredentialsProvider.builder().build();
            if (old instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
