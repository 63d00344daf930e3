package dev.overcast.runtime.bench.coldstart;

import dev.overcast.clouds.aws.AwsAdapter;
import dev.overcast.clouds.aws.AwsConfig;
import dev.overcast.clouds.aws.AwsCredentials;
import dev.overcast.clouds.azure.AzureAdapter;
import dev.overcast.clouds.azure.AzureConfig;
import dev.overcast.clouds.azure.AzureCredentials;
import dev.overcast.clouds.gcp.GcpAdapter;
import dev.overcast.clouds.gcp.GcpConfig;
import dev.overcast.clouds.gcp.GcpCredentials;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.functions.aws.AwsLambda;
import dev.overcast.functions.azure.AzureLambda;
import dev.overcast.functions.gcp.GcpLambda;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.LambdaEnvironment;
import dev.overcast.functions.lambda.Priming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real adapter of the cloud in {@code OVERCAST_BENCH_CLOUD}, on cloudsim's endpoint in
 * {@code OVERCAST_BENCH_ENDPOINT}, as the local world builds it. Each cloud's construction sits in its
 * own nested class, so a JVM holding one cloud's SDK never links the other two.
 */
public final class CloudSimAdapter {
    private static final SecretResolver NO_SECRETS = reference -> {
        throw new IllegalStateException("the cold-start benchmark resolves no secrets, asked for " + reference);
    };

    private CloudSimAdapter() {
    }

    /** The priming the deployed main of the cloud in {@code OVERCAST_BENCH_CLOUD} registers. */
    public static Priming priming(LambdaClients clients) {
        return switch (LambdaEnvironment.required("OVERCAST_BENCH_CLOUD")) {
            case "aws" -> Aws.priming(clients);
            case "gcp" -> Gcp.priming(clients);
            case "azure" -> Azure.priming(clients);
            default -> throw new IllegalStateException("OVERCAST_BENCH_CLOUD: must be aws, gcp or azure");
        };
    }

    public static CloudAdapter fromEnvironment() {
        URI endpoint = URI.create(LambdaEnvironment.required("OVERCAST_BENCH_ENDPOINT"));
        return switch (LambdaEnvironment.required("OVERCAST_BENCH_CLOUD")) {
            case "aws" -> Aws.adapter(endpoint);
            case "gcp" -> Gcp.adapter(endpoint);
            case "azure" -> Azure.adapter(endpoint);
            default -> throw new IllegalStateException("OVERCAST_BENCH_CLOUD: must be aws, gcp or azure");
        };
    }

    private static final class Aws {
        static Priming priming(LambdaClients clients) {
            return AwsLambda.priming(clients, NO_SECRETS);
        }

        static CloudAdapter adapter(URI endpoint) {
            return new AwsAdapter(AwsConfig.of(new AwsCredentials.StaticKeys("111111111111", "bench")).withEndpoint(endpoint),
                    NO_SECRETS);
        }
    }

    private static final class Gcp {
        static Priming priming(LambdaClients clients) {
            return GcpLambda.priming(clients, NO_SECRETS);
        }

        static CloudAdapter adapter(URI endpoint) {
            return new GcpAdapter(new GcpConfig("overcast-bench", new GcpCredentials.None(), Optional.of(endpoint),
                    GcpConfig.DEFAULT_MAX_ATTEMPTS), NO_SECRETS);
        }
    }

    private static final class Azure {
        static Priming priming(LambdaClients clients) {
            return AzureLambda.priming(clients, NO_SECRETS);
        }

        static CloudAdapter adapter(URI endpoint) {
            try {
                String pem = Files.readString(Path.of(LambdaEnvironment.required("OVERCAST_BENCH_AZURE_PEM")));
                return new AzureAdapter(AzureConfig.of("72f988bf-0000-4000-8000-000000000001",
                        "00000000-0000-4000-8000-00000000c10d", new AzureCredentials.StaticToken("bench"))
                        .withEndpoint(endpoint, pem), NO_SECRETS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cloudsim's Azure certificate", e);
            }
        }
    }
}
