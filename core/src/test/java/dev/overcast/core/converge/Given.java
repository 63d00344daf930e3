package dev.overcast.core.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The world the converge tables are written in: a small two-cloud plan (an AWS network, gateway,
 * instance and peer gateway that needs GCP's gateway; a GCP tunnel that needs the AWS gateway), observations of it, and figures easy to count with.
 */
final class Given {
    static final String CLUSTER = "demo";
    static final String EXECUTION = "exec-1";
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    static final Resource NETWORK = resource("demo-network-aws", ResourceKind.NETWORK, Cloud.AWS);
    static final Resource GATEWAY = resource("demo-vpn-gateway-aws", ResourceKind.VPN_GATEWAY, Cloud.AWS, NETWORK.name());
    static final Resource INSTANCE = resource("demo-instance-aws", ResourceKind.INSTANCE, Cloud.AWS, NETWORK.name());
    static final Resource GCP_GATEWAY = resource("demo-vpn-gateway-gcp", ResourceKind.VPN_GATEWAY, Cloud.GCP);
    static final Resource PEER = resource("demo-peer-gateway-aws-gcp", ResourceKind.PEER_GATEWAY, Cloud.AWS, GCP_GATEWAY.name());
    static final Resource TUNNEL = resource("demo-vpn-tunnel-gcp-aws", ResourceKind.VPN_TUNNEL, Cloud.GCP, GATEWAY.name());
    static final Plan PLAN = new Plan(CLUSTER, "1.31", null, null, List.of(NETWORK, GATEWAY, INSTANCE, GCP_GATEWAY, PEER, TUNNEL));

    /**
     * Network 10 s; gateway in two stages, 60 s then 30 s, deleted in 40 s, updated in 100 s;
     * instance with no figure at all.
     */
    static final BuildFigures FIGURES = new BuildFigures() {
        @Override
        public Optional<Instant> nextStageEnd(Cloud cloud, ResourceKind kind, Instant start, Instant now) {
            List<Long> stageEnds = switch (kind) {
                case NETWORK -> List.of(10L);
                case VPN_GATEWAY -> List.of(60L, 90L);
                default -> List.of();
            };
            return stageEnds.stream().map(start::plusSeconds).filter(now::isBefore).findFirst();
        }

        @Override
        public Optional<Instant> deleted(Cloud cloud, ResourceKind kind, Instant start, Instant now) {
            Instant end = start.plus(kind == ResourceKind.VPN_GATEWAY ? Duration.ofSeconds(40) : Duration.ZERO);
            return end.isAfter(now) ? Optional.of(end) : Optional.empty();
        }

        @Override
        public Optional<Duration> update(Cloud cloud, ResourceKind kind) {
            return kind == ResourceKind.VPN_GATEWAY ? Optional.of(Duration.ofSeconds(100)) : Optional.empty();
        }
    };

    private Given() {
    }

    static Resource resource(String name, ResourceKind kind, Cloud cloud, String... dependsOn) {
        return new Resource(name, kind, cloud, cloud == Cloud.AWS ? "eu-west-1" : "europe-west1",
                new TreeMap<>(Map.of("size", "small")), new TreeSet<>(List.of(dependsOn)));
    }

    static Observation seen(Resource r, ResourceState state) {
        return new Observation(r.name(), r.kind(), r.cloud(), r.region(), "id-" + r.name(), state, r.attributes(),
                OwnershipTags.of(r.cloud(), CLUSTER, r.name()));
    }

    static Observation ready(Resource r) {
        return seen(r, ResourceState.READY);
    }

    static Observation drifted(Resource r) {
        return new Observation(r.name(), r.kind(), r.cloud(), r.region(), "id-" + r.name(), ResourceState.READY,
                new TreeMap<>(Map.of("size", "large")), OwnershipTags.of(r.cloud(), CLUSTER, r.name()));
    }

    /** An owned AWS resource the plan does not know. */
    static Observation orphan(String name, ResourceKind kind, ResourceState state) {
        return new Observation(name, kind, Cloud.AWS, "eu-west-1", "id-" + name, state, null, OwnershipTags.of(Cloud.AWS, CLUSTER, name));
    }

    static Instant ago(long seconds) {
        return NOW.minusSeconds(seconds);
    }
}
