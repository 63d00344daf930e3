package dev.overcast.core.plan;

import dev.overcast.core.bootstrap.BootstrapNode;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.bootstrap.ClusterBootstrap;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.InstanceCatalog;
import java.util.Objects;

/**
 * What one release of Overcast ships that the planner decides from: the region catalog, the instance
 * catalog, the user-data renderer and the default Kubernetes version. A new release may change any of
 * them; a recorded cluster keeps what its {@link Pins} say instead.
 *
 * @param regions           regions, zones and round trips
 * @param instances         sizes to machine types, images
 * @param userData          renders an instance's user-data
 * @param kubernetesVersion the version of a spec that names none
 */
public record Release(RegionCatalog regions, InstanceCatalog instances, UserData userData, String kubernetesVersion) {

    /** Renders the user-data of one node. */
    @FunctionalInterface
    public interface UserData {
        String render(ClusterBootstrap cluster, BootstrapNode node);
    }

    public Release {
        Objects.requireNonNull(regions, "regions");
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(userData, "userData");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    }

    /** This release: the catalogs in the jar, {@link CloudInit}, {@link ClusterSpec#DEFAULT_KUBERNETES_VERSION}. */
    public static Release current(RegionCatalog regions, InstanceCatalog instances) {
        return new Release(regions, instances, new CloudInit()::render, ClusterSpec.DEFAULT_KUBERNETES_VERSION);
    }

    public static Release current() {
        return current(RegionCatalog.standard(), InstanceCatalog.standard());
    }
}
