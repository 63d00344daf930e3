package dev.overcast.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.overcast.core.Cloud;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asks for: a Kubernetes cluster spanning one to three clouds. Read from YAML or JSON
 * by {@link SpecReader}, checked by {@link SpecValidator}; the typed accessors below assume a spec
 * that passed validation.
 *
 * @param name              the cluster's name: a DNS-1123 label starting with a letter, at most 40 characters
 * @param clouds            one to three of {@code aws}, {@code gcp}, {@code azure}
 * @param regions           optional explicit region per cloud; clouds not listed are chosen near {@link #near}
 * @param near              optional location hint: a metro ({@code us-east}, {@code frankfurt}) or {@code "lat,long"}
 * @param masters           control-plane nodes: count 1, 3 or 5, spread over the clouds
 * @param workers           worker pool per cloud (count 0–100); clouds not listed get none
 * @param network           optional custom CIDRs
 * @param kubernetesVersion e.g. {@code 1.31}; defaults to {@value #DEFAULT_KUBERNETES_VERSION}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSpec(
        String name,
        List<String> clouds,
        Map<String, String> regions,
        String near,
        MachinePool masters,
        Map<String, MachinePool> workers,
        NetworkSpec network,
        String kubernetesVersion) {

    public static final String DEFAULT_KUBERNETES_VERSION = "1.31";

    /** The spec's clouds, deduplicated, in the stable {@link Cloud} order used for names and placement. */
    @JsonIgnore
    public List<Cloud> cloudList() {
        return clouds == null ? List.of() : clouds.stream()
                .map(Cloud::fromId)
                .flatMap(Optional::stream)
                .distinct()
                .sorted()
                .toList();
    }

    /** The explicit regions of the spec's clouds. */
    @JsonIgnore
    public Map<Cloud, String> pinnedRegions() {
        Map<Cloud, String> pinned = new EnumMap<>(Cloud.class);
        for (Cloud cloud : cloudList()) {
            Optional.ofNullable(regions).map(r -> r.get(cloud.id())).ifPresent(name -> pinned.put(cloud, name));
        }
        return pinned;
    }

    /** The cloud's worker pool; an empty pool when the spec has none for it. */
    public MachinePool workers(Cloud cloud) {
        return Optional.ofNullable(workers).map(w -> w.get(cloud.id())).orElse(new MachinePool(0, null));
    }

    @JsonIgnore
    public String kubernetesVersionOrDefault() {
        return Objects.requireNonNullElse(kubernetesVersion, DEFAULT_KUBERNETES_VERSION);
    }

    @JsonIgnore
    public NetworkSpec networkOrDefault() {
        return Objects.requireNonNullElse(network, new NetworkSpec(null, null, null));
    }
}
