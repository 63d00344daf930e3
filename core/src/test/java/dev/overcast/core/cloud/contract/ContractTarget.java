package dev.overcast.core.cloud.contract;

import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.plan.ResourceKind;
import java.util.Map;
import java.util.Optional;

/**
 * One cloud (real, emulated or simulated) under the SPI contract: the adapter plus the few things the
 * suite cannot say in cloud-neutral terms. Everything else in the suite is kinds and attributes.
 */
public interface ContractTarget extends AutoCloseable {

    /** Pre-shared keys the suite's tunnels reference; a target builds its adapter with this resolver. */
    SecretResolver SECRETS = reference -> {
        if (!ContractChain.SECRET_REF.equals(reference)) {
            throw new IllegalArgumentException("the contract suite knows no secret '" + reference + "'");
        }
        return "contractPsk_0123456789";
    };

    CloudAdapter adapter();

    /** The region every resource of the suite lives in. */
    String region();

    /** An availability zone of {@link #region()}. */
    String zone();

    /** An image the cloud can boot. */
    String image();

    /** A small machine type. */
    String instanceType();

    /** Attributes this cloud needs on top of the neutral ones (e.g. Azure's gateway subnet); none by default. */
    default Map<String, String> extraAttributes(ResourceKind kind) {
        return Map.of();
    }

    /**
     * Lets slow work progress once: advances a simulated clock by a few minutes, or waits on a real
     * cloud. Called between polls, never inside a verb.
     */
    void settle();

    /** Calls the cloud's API front has received so far, for the batching checks. */
    long apiCalls();

    /** Whether {@link #apiCalls()} counts anything; an emulator that cannot count skips the batching check. */
    default boolean countsApiCalls() {
        return true;
    }

    /**
     * The CIDR of a subnet of its own that the cloud's VPN gateway must live in (Azure's GatewaySubnet);
     * empty (the default) when the gateway needs none. When given, the chain plans that subnet too.
     */
    default Optional<String> gatewaySubnetCidr() {
        return Optional.empty();
    }

    /**
     * Whether a tunnel reports the outside addresses it is reached at (AWS assigns them with the VPN
     * connection); where the gateway's public IP is the address (Azure), the tunnel has none of its own.
     */
    default boolean tunnelsHaveOutsideAddresses() {
        return true;
    }

    /** Removes one ingress rule of the firewall behind the adapter's back, as a person in a console might. */
    void revokeFirstIngressRuleByHand(Observation firewall);

    /** Creates a network-kind resource carrying no ownership tags, directly in the cloud. */
    void plantUntaggedNetwork();

    @Override
    void close();
}
