package dev.overcast.cloudsim;

import dev.overcast.cloudsim.control.ControlEndpoint;
import dev.overcast.cloudsim.ec2.Ec2Front;
import dev.overcast.cloudsim.gcp.ComputeFront;
import dev.overcast.cloudsim.world.World;
import java.net.URI;

/**
 * A running simulated world with its fronts on 127.0.0.1: the EC2 front on {@code firstPort}, the
 * control endpoint on the next port and the Compute Engine front on {@code firstPort + 2} (all ephemeral
 * when {@code firstPort} is 0).
 */
public final class CloudSim implements AutoCloseable {

    private final World world;
    private final Ec2Front aws;
    private final ControlEndpoint control;
    private final ComputeFront gcp;

    private CloudSim(World world, Ec2Front aws, ControlEndpoint control, ComputeFront gcp) {
        this.world = world;
        this.aws = aws;
        this.control = control;
        this.gcp = gcp;
    }

    public static CloudSim start(CloudSimConfig config) {
        World world = new World(config);
        Ec2Front aws = new Ec2Front(world, config.firstPort());
        try {
            ControlEndpoint control = new ControlEndpoint(world, config.firstPort() == 0 ? 0 : config.firstPort() + 1);
            try {
                return new CloudSim(world, aws, control, new ComputeFront(world, config.firstPort() == 0 ? 0 : config.firstPort() + 2));
            } catch (RuntimeException e) {
                control.close();
                throw e;
            }
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}, for the EC2 client's endpoint override. */
    public URI awsEndpoint() {
        return aws.endpoint();
    }

    /** {@code http://127.0.0.1:PORT}, for the Compute clients' endpoint setting. */
    public URI gcpEndpoint() {
        return gcp.endpoint();
    }

    /** The management endpoint ({@code /_cloudsim/…}, JSON). */
    public URI controlEndpoint() {
        return control.endpoint();
    }

    public World world() {
        return world;
    }

    @Override
    public void close() {
        gcp.close();
        control.close();
        aws.close();
    }
}
