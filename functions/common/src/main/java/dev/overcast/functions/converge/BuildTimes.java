package dev.overcast.functions.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.converge.BuildFigures;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each kind typically takes to build and to delete on each cloud, from the providers'
 * published figures (an AWS VPN connection ~8 min plus ~2.5 min for its tunnels, an Azure VPN gateway
 * 30–45 min, a VM about a minute). A kind built in stages has one duration per
 * stage: the next stage starts when a round resumes it, which is why a round is due at every stage's
 * end. Converge polls when the earliest pending resource is expected ready instead of on a fixed beat;
 * a resource that outlives its figures is polled at a short fixed interval, so a wrong figure costs
 * calls or seconds, never correctness.
 */
public final class BuildTimes implements BuildFigures {
    private final Map<Cloud, Map<ResourceKind, List<Duration>>> create;
    private final Map<Cloud, Map<ResourceKind, Duration>> delete;
    private final Map<Cloud, Map<ResourceKind, Duration>> update;

    private BuildTimes(Map<Cloud, Map<ResourceKind, List<Duration>>> create, Map<Cloud, Map<ResourceKind, Duration>> delete,
                       Map<Cloud, Map<ResourceKind, Duration>> update) {
        this.create = create;
        this.delete = delete;
        this.update = update;
    }

    public static BuildTimes published() {
        Map<Cloud, Map<ResourceKind, List<Duration>>> create = new EnumMap<>(Cloud.class);
        Map<Cloud, Map<ResourceKind, Duration>> delete = new EnumMap<>(Cloud.class);
        Map<ResourceKind, List<Duration>> aws = new EnumMap<>(ResourceKind.class);
        aws.put(ResourceKind.NETWORK, List.of(seconds(2)));
        aws.put(ResourceKind.SUBNET, List.of(seconds(2)));
        aws.put(ResourceKind.VPN_GATEWAY, List.of(minutes(6), minutes(1)));
        aws.put(ResourceKind.PEER_GATEWAY, List.of(minutes(5)));
        aws.put(ResourceKind.VPN_TUNNEL, List.of(minutes(8), seconds(150)));
        aws.put(ResourceKind.INSTANCE, List.of(seconds(60)));
        create.put(Cloud.AWS, aws);
        delete.put(Cloud.AWS, new EnumMap<>(Map.of(ResourceKind.VPN_GATEWAY, minutes(3), ResourceKind.PEER_GATEWAY, minutes(1),
                ResourceKind.VPN_TUNNEL, minutes(2), ResourceKind.INSTANCE, seconds(45))));
        Map<ResourceKind, List<Duration>> gcp = new EnumMap<>(ResourceKind.class);
        gcp.put(ResourceKind.NETWORK, List.of(seconds(10)));
        gcp.put(ResourceKind.SUBNET, List.of(seconds(8)));
        gcp.put(ResourceKind.FIREWALL, List.of(seconds(5)));
        gcp.put(ResourceKind.PUBLIC_IP, List.of(seconds(3)));
        gcp.put(ResourceKind.VPN_GATEWAY, List.of(minutes(2)));
        gcp.put(ResourceKind.PEER_GATEWAY, List.of(seconds(5)));
        gcp.put(ResourceKind.VPN_TUNNEL, List.of(minutes(3)));
        gcp.put(ResourceKind.INSTANCE, List.of(seconds(50)));
        create.put(Cloud.GCP, gcp);
        delete.put(Cloud.GCP, new EnumMap<>(Map.of(ResourceKind.NETWORK, seconds(10), ResourceKind.SUBNET, seconds(8),
                ResourceKind.FIREWALL, seconds(5), ResourceKind.VPN_GATEWAY, minutes(1), ResourceKind.VPN_TUNNEL, minutes(1),
                ResourceKind.INSTANCE, seconds(40))));
        Map<ResourceKind, List<Duration>> azure = new EnumMap<>(ResourceKind.class);
        azure.put(ResourceKind.NETWORK, List.of(seconds(5)));
        azure.put(ResourceKind.PUBLIC_IP, List.of(seconds(5)));
        azure.put(ResourceKind.VPN_GATEWAY, List.of(minutes(38)));
        azure.put(ResourceKind.PEER_GATEWAY, List.of(seconds(30)));
        azure.put(ResourceKind.VPN_TUNNEL, List.of(minutes(3)));
        azure.put(ResourceKind.INSTANCE, List.of(seconds(70)));
        create.put(Cloud.AZURE, azure);
        // The Azure network is its resource group, which ARM stops listing once its delete is accepted: no figure.
        delete.put(Cloud.AZURE, new EnumMap<>(Map.of(ResourceKind.VPN_GATEWAY, minutes(15),
                ResourceKind.VPN_TUNNEL, minutes(1), ResourceKind.INSTANCE, seconds(45))));
        // An Azure gateway whose custom BGP addresses are written again (someone changed them) updates for minutes.
        Map<Cloud, Map<ResourceKind, Duration>> update = new EnumMap<>(Map.of(Cloud.AZURE,
                new EnumMap<>(Map.of(ResourceKind.VPN_GATEWAY, minutes(10)))));
        return new BuildTimes(create, delete, update);
    }

    /**
     * The first end of a build stage after {@code now} for a resource whose create started at
     * {@code start}; empty when every stage should be over (it is late, or builds at once).
     */
    @Override
    public Optional<Instant> nextStageEnd(Cloud cloud, ResourceKind kind, Instant start, Instant now) {
        Instant end = start;
        for (Duration stage : create.getOrDefault(cloud, Map.of()).getOrDefault(kind, List.of())) {
            end = end.plus(stage);
            if (end.isAfter(now)) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }

    /** When a delete started at {@code start} should be done, if that is after {@code now}. */
    @Override
    public Optional<Instant> deleted(Cloud cloud, ResourceKind kind, Instant start, Instant now) {
        Instant end = start.plus(delete.getOrDefault(cloud, Map.of()).getOrDefault(kind, Duration.ZERO));
        return end.isAfter(now) ? Optional.of(end) : Optional.empty();
    }

    /** How long an in-place update of a kind takes, for the kinds that publish a figure. */
    @Override
    public Optional<Duration> update(Cloud cloud, ResourceKind kind) {
        return Optional.ofNullable(update.getOrDefault(cloud, Map.of()).get(kind));
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
