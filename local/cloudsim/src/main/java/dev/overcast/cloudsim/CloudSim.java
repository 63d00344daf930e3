package dev.overcast.cloudsim;

import dev.overcast.cloudsim.azure.ArmFront;
import dev.overcast.cloudsim.azure.SelfSignedCertificate;
import dev.overcast.cloudsim.control.ControlEndpoint;
import dev.overcast.cloudsim.ec2.Ec2Front;
import dev.overcast.cloudsim.kubernetes.KubernetesClusters;
import dev.overcast.cloudsim.gcp.ComputeFront;
import dev.overcast.cloudsim.wire.WireCheck;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.region.RegionCatalog;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntFunction;

/**
 * A running simulated world with its fronts on 127.0.0.1: the EC2 front on {@code firstPort}, the
 * control endpoint on the next port, the Compute Engine front on {@code firstPort + 2} and the Azure
 * Resource Manager front on {@code firstPort + 3} (all ephemeral when {@code firstPort} is 0).
 */
public final class CloudSim implements AutoCloseable {

    static {
        // The JDK's HTTP server writes a response's headers and body separately; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK (about 40 ms per request). Read once, at the first
        // server's creation, so it is set before any front starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final World world;
    private final Ec2Front aws;
    private final ControlEndpoint control;
    private final ComputeFront gcp;
    private final ArmFront azure;
    private final KubernetesClusters kubernetes;
    /** Everything started, in start order; closed in reverse. */
    private final Deque<AutoCloseable> started;

    private final int wireMark = WireCheck.mark();

    private CloudSim(World world, CloudSimConfig config) {
        this.world = world;
        this.started = new ArrayDeque<>();
        try {
            this.kubernetes = new KubernetesClusters(world, RegionCatalog.standard());
            started.push(kubernetes);
            this.aws = start(config, 0, port -> new Ec2Front(world, port));
            this.control = start(config, 1, port -> new ControlEndpoint(world, kubernetes, port));
            this.gcp = start(config, 2, port -> new ComputeFront(world, port));
            this.azure = start(config, 3, port -> new ArmFront(world, port));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static CloudSim start(CloudSimConfig config) {
        return new CloudSim(new World(config), config);
    }

    private <T extends AutoCloseable> T start(CloudSimConfig config, int offset, IntFunction<T> front) {
        T server = front.apply(config.firstPort() == 0 ? 0 : config.firstPort() + offset);
        started.push(server);
        return server;
    }

    /** {@code http://127.0.0.1:PORT}, for the EC2 client's endpoint override. */
    public URI awsEndpoint() {
        return aws.endpoint();
    }

    /** {@code http://127.0.0.1:PORT}, for the Compute clients' endpoint setting. */
    public URI gcpEndpoint() {
        return gcp.endpoint();
    }

    /** {@code https://127.0.0.1:PORT/}, the Azure client's resource manager endpoint. */
    public URI azureEndpoint() {
        return azure.endpoint();
    }

    /** The certificate the Azure front presents, for the client's trust material. */
    public SelfSignedCertificate azureTrust() {
        return azure.certificate();
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

    /**
     * Stops every front, then, when the wire check is strict (as in the build's tests), fails with every way a
     * front departed from its vendor's API definition while this world ran.
     */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                throw new IllegalStateException("a cloudsim front did not stop cleanly", e);
            }
        }
        WireCheck.assertNoDeviationsSince(wireMark);
    }
}
