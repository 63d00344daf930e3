package dev.overcast.core.cloud.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.exceptions.CloudException;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers cut in half (truncated XML or JSON) or lost after the cloud did the work: a verb succeeds
 * (a client may resend a read) or fails with a classified {@link CloudException} naming the cloud and
 * the operation, never another exception and never a hang; and a create whose answer was lost, called again, leaves one resource, not two.
 * The fault codes are cloudsim's answer faults.
 */
public abstract class MalformedAnswerContract {
    /** Far above any verb's time on an emulator: only a hang reaches it. */
    private static final Duration HANG = Duration.ofSeconds(90);

    /**
     * A fresh emulator, its SDK making one attempt per call, with the means to strike the next answers of
     * one of its actions (action, fault code) and the actions behind observing and creating a network.
     */
    public record Struck(ContractTarget target, BiConsumer<String, String> strikeNext, String observeNetworkAction,
                         String createNetworkAction) implements AutoCloseable {
        @Override
        public void close() {
            target.close();
        }
    }

    protected abstract Struck open();

    /**
     * The cluster owns a network when the list answer is struck: a resent read must still report it, since an
     * empty answer taken as the truth would make converge forget the inventory and create everything again.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"malformed", "timeout"})
    void observe_shouldFailClassifiedWithContext_whenTheListAnswerIsCutOrLost(String fault) {
        try (Struck cloud = open()) {
            ContractChain chain = new ContractChain(cloud.target(), "struck");
            Convergence convergence = new Convergence(cloud.target(), chain, 60);
            String network = chain.of(ResourceKind.NETWORK).name();
            convergence.ensure(chain.of(ResourceKind.NETWORK));
            cloud.target().settle();
            cloud.strikeNext().accept(cloud.observeNetworkAction(), fault);

            List<Observation> observed = new ArrayList<>();
            Throwable failure = catchThrowable(() -> observed.addAll(assertTimeoutPreemptively(HANG,
                    () -> cloud.target().adapter().client(ResourceKind.NETWORK).observe("struck", cloud.target().region()))));

            // A client may resend a read whose answer it lost (Compute's does); if it fails, it fails classified.
            if (failure != null) {
                assertThat(failure).isInstanceOf(CloudException.class).hasMessageContaining(cloud.target().adapter().cloud().id());
            } else {
                assertThat(observed).extracting(Observation::name).contains(network);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"malformed", "timeout"})
    void create_shouldLeaveOneNetwork_whenItsAnswerWasCutOrLostAndItIsCalledAgain(String fault) {
        try (Struck cloud = open()) {
            ContractChain chain = new ContractChain(cloud.target(), "struck");
            Convergence convergence = new Convergence(cloud.target(), chain, 60);
            cloud.strikeNext().accept(cloud.createNetworkAction(), fault);

            assertTimeoutPreemptively(HANG, () -> convergence.ensure(chain.of(ResourceKind.NETWORK)));
            cloud.target().settle();

            assertThat(convergence.observe(ResourceKind.NETWORK))
                    .filteredOn(o -> o.name().equals(chain.of(ResourceKind.NETWORK).name())).hasSize(1);
        }
    }
}
