package dev.overcast.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.Store;
import dev.overcast.store.Tables;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SnapStart's hooks called directly, as Lambda calls them around a snapshot. */
class PrimingTest {
    private final LambdaClients clients = new LambdaClients();

    /** The function's credentials, as Lambda's environment gives them; without, the SDK would probe instance metadata. */
    @BeforeAll
    static void functionCredentials() {
        System.setProperty("aws.accessKeyId", "priming-test");
        System.setProperty("aws.secretAccessKey", "priming-test");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @AfterEach
    void forgetSkew() {
        SdkGlobalTime.setGlobalTimeOffset(0);
    }

    @Test
    void beforeCheckpoint_shouldObserveEveryKindOfItsCloud_onALoopbackStub() {
        List<String> observed = new ArrayList<>();
        List<URI> targets = new ArrayList<>();
        Priming priming = Priming.ofSteps(clients, "eu-west-1", stub -> {
            targets.add(stub.endpoint());
            return new RecordingAdapter(observed, List.of(ResourceKind.NETWORK, ResourceKind.SUBNET));
        });

        priming.beforeCheckpoint(null);

        assertThat(targets).singleElement().satisfies(stub -> {
            assertThat(stub.getScheme()).isEqualTo("http");
            assertThat(stub.getHost()).isIn("127.0.0.1", "localhost");
        });
        assertThat(observed).containsExactly("network priming eu-west-1", "subnet priming eu-west-1");
    }

    @Test
    void beforeCheckpoint_shouldFinish_whenTheCloudRefusesEveryCall() {
        Priming priming = Priming.ofSteps(clients, "eu-west-1", stub -> new RecordingAdapter(null, List.of(ResourceKind.NETWORK)));

        priming.beforeCheckpoint(null);
    }

    @Test
    void stub_shouldAnswerAStoreReadWithNothing_soTheReadRunsToItsEnd() {
        try (PrimingStub stub = PrimingStub.start()) {
            Store store = Store.create(clients.onStub(DynamoDbClient.builder(), stub.endpoint()).build(), new Tables("priming-"),
                    Clock.systemUTC());

            assertThat(store.clusters().find("priming")).isEmpty();
            assertThat(stub.answered()).isEqualTo(1);
        }
    }

    @Test
    void stub_shouldEndATlsHandshakeAtOnce_soAnHttpsOnlyClientFailsFast() {
        try (PrimingStub stub = PrimingStub.start()) {
            URI tls = stub.tlsEndpoint();
            long start = System.nanoTime();

            assertThatThrownBy(() -> {
                try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket(tls.getHost(), tls.getPort())) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                }
            }).isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void afterRestore_shouldPutNewConnectionsAndCredentialsUnderTheSameClients_andForgetTheLearnedClockSkew() {
        Object connections = clients.httpClientInUse();
        Object credentials = clients.credentialsInUse();
        SdkGlobalTime.setGlobalTimeOffset(300);

        Priming.ofSteps(clients).afterRestore(null);

        assertThat(clients.httpClientInUse()).isNotSameAs(connections);
        assertThat(clients.credentialsInUse()).isNotSameAs(credentials);
        assertThat(SdkGlobalTime.getGlobalTimeOffset()).isZero();
    }

    /** Records each observe; with no record to write to, refuses it as a cloud would refuse a bad call. */
    private record RecordingAdapter(List<String> observed, List<ResourceKind> kinds) implements CloudAdapter {
        @Override
        public Cloud cloud() {
            return Cloud.AWS;
        }

        @Override
        public ResourceClient client(ResourceKind kind) {
            return kinds.contains(kind) ? new RecordingClient(kind, observed) : null;
        }
    }

    private record RecordingClient(ResourceKind kind, List<String> observed) implements ResourceClient {
        @Override
        public Cloud cloud() {
            return Cloud.AWS;
        }

        @Override
        public List<Observation> observe(String clusterId, String region) {
            if (observed == null) {
                throw new IllegalStateException("refused");
            }
            observed.add(kind + " " + clusterId + " " + region);
            return List.of();
        }

        @Override
        public Observation create(String clusterId, Resource desired, Dependencies dependencies) {
            throw new UnsupportedOperationException("priming only observes");
        }

        @Override
        public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
            throw new UnsupportedOperationException("priming only observes");
        }

        @Override
        public void delete(Observation observed) {
            throw new UnsupportedOperationException("priming only observes");
        }
    }
}
