package dev.overcast.cloudsim;

import dev.overcast.cloudsim.control.ControlEndpoint;
import dev.overcast.cloudsim.ec2.Ec2Front;
import dev.overcast.cloudsim.kubernetes.KubernetesClusters;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.region.RegionCatalog;
import java.net.URI;

/**
 * A running simulated world with its fronts on 127.0.0.1: the EC2 front on {@code firstPort} and the
 * control endpoint on the next port (both ephemeral when {@code firstPort} is 0).
 */
public final class CloudSim implements AutoCloseable {

    static {
        // The JDK HttpServer answers small responses with Nagle's delay unless told otherwise; every
        // front is request/response over loopback, where that delay dominates (300 instances: 37 s → 9 s).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final World world;
    private final Ec2Front aws;
    private final ControlEndpoint control;
    private final KubernetesClusters kubernetes;

    private CloudSim(World world, Ec2Front aws, ControlEndpoint control, KubernetesClusters kubernetes) {
        this.world = world;
        this.aws = aws;
        this.control = control;
        this.kubernetes = kubernetes;
    }

    public static CloudSim start(CloudSimConfig config) {
        World world = new World(config);
        Ec2Front aws = new Ec2Front(world, config.firstPort());
        KubernetesClusters kubernetes = new KubernetesClusters(world, RegionCatalog.standard());
        try {
            ControlEndpoint control = new ControlEndpoint(world, kubernetes, config.firstPort() == 0 ? 0 : config.firstPort() + 1);
            return new CloudSim(world, aws, control, kubernetes);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}, for the EC2 client's endpoint override. */
    public URI awsEndpoint() {
        return aws.endpoint();
    }

    /** The management endpoint ({@code /_cloudsim/…}, JSON). */
    public URI controlEndpoint() {
        return control.endpoint();
    }

    /** The world's Kubernetes clusters: {@code kubernetes().endpoint(clusterId)} is a cluster's API server. */
    public KubernetesClusters kubernetes() {
        return kubernetes;
    }

    public World world() {
        return world;
    }

    @Override
    public void close() {
        kubernetes.close();
        control.close();
        aws.close();
    }
}
