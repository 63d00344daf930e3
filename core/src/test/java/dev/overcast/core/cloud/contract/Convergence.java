package dev.overcast.core.cloud.contract;

import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Drives resources to a goal the way the flows do: call a verb again while it fails retryably (after
 * letting the cloud settle), then poll observe until the resource is ready, or gone. Bounded: a goal
 * not reached within {@code maxRounds} fails the test with what was last seen.
 */
public final class Convergence {

    private final ContractTarget target;
    private final ContractChain chain;
    private final int maxRounds;
    private final Map<String, Observation> observed = new HashMap<>();
    private int retriedFailures;

    public Convergence(ContractTarget target, ContractChain chain, int maxRounds) {
        this.target = target;
        this.chain = chain;
        this.maxRounds = maxRounds;
    }

    /** Creates (if needed) and waits until ready; returns the ready observation. */
    public Observation ensure(Resource resource) {
        ResourceClient client = target.adapter().client(resource.kind());
        retry("create " + resource.name(), () -> client.create(chain.clusterId(), resource, chain.dependenciesOf(resource, observed)));
        for (int round = 0; round < maxRounds; round++) {
            Optional<Observation> seen = find(resource);
            if (seen.isPresent() && seen.get().state() == ResourceState.READY) {
                observed.put(resource.name(), seen.get());
                return seen.get();
            }
            if (seen.isPresent() && seen.get().state() == ResourceState.FAILED) {
                throw new AssertionError(resource.name() + " failed: " + seen.get());
            }
            target.settle();
        }
        throw new AssertionError(resource.name() + " not ready after " + maxRounds + " rounds; last seen " + find(resource));
    }

    /** Every resource of the list, in order. */
    public void ensureAll(List<Resource> resources) {
        resources.forEach(this::ensure);
    }

    /** Deletes and waits until observe no longer returns it. */
    public void remove(Resource resource) {
        ResourceClient client = target.adapter().client(resource.kind());
        for (int round = 0; round < maxRounds; round++) {
            Optional<Observation> seen = find(resource);
            if (seen.isEmpty()) {
                observed.remove(resource.name());
                return;
            }
            if (seen.get().state() != ResourceState.DELETING) {
                retry("delete " + resource.name(), () -> {
                    client.delete(seen.get());
                    return null;
                });
            }
            target.settle();
        }
        throw new AssertionError(resource.name() + " still there after " + maxRounds + " rounds: " + find(resource));
    }

    /** Every resource of the list, in reverse order. */
    public void removeAll(List<Resource> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            remove(resources.get(i));
        }
    }

    /** One observe of a kind, retried while the cloud fails retryably. */
    public List<Observation> observe(ResourceKind kind) {
        return retry("observe " + kind, () -> target.adapter().client(kind).observe(chain.clusterId(), target.region()));
    }

    /** The last ready observation of a resource this convergence ensured. */
    public Observation observed(String name) {
        return observed.get(name);
    }

    /** How many verb calls failed retryably and were tried again. */
    public int retriedFailures() {
        return retriedFailures;
    }

    private Optional<Observation> find(Resource resource) {
        return observe(resource.kind()).stream().filter(o -> o.name().equals(resource.name())).findFirst();
    }

    private <T> T retry(String what, Supplier<T> verb) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < maxRounds; attempt++) {
            try {
                return verb.get();
            } catch (RetryableCloudException | DependencyNotReadyException e) {
                retriedFailures++;
                last = e;
                target.settle();
            }
        }
        throw new AssertionError(what + " kept failing after " + maxRounds + " attempts", last);
    }
}
