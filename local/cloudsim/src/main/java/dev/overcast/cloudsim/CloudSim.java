package dev.overcast.cloudsim;

import dev.overcast.cloudsim.azure.ArmFront;
import dev.overcast.cloudsim.azure.SelfSignedCertificate;
import dev.overcast.cloudsim.control.ControlEndpoint;
import dev.overcast.cloudsim.ec2.Ec2Front;
import dev.overcast.cloudsim.world.World;
import java.net.URI;

/**
 * A running simulated world with its fronts on 127.0.0.1: the EC2 front on {@code firstPort} and the
 * control endpoint on the next port, the Azure front on {@code firstPort + 3} (all ephemeral when
 * {@code firstPort} is 0).
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
    private final ArmFront azure;

    private CloudSim(World world, Ec2Front aws, ControlEndpoint control, ArmFront azure) {
        this.world = world;
        this.aws = aws;
        this.control = control;
        this.azure = azure;
    }

    public static CloudSim start(CloudSimConfig config) {
        World world = new World(config);
        Ec2Front aws = new Ec2Front(world, config.firstPort());
        try {
            ControlEndpoint control = new ControlEndpoint(world, config.firstPort() == 0 ? 0 : config.firstPort() + 1);
            try {
                ArmFront azure = new ArmFront(world, config.firstPort() == 0 ? 0 : config.firstPort() + 3);
                return new CloudSim(world, aws, control, azure);
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

    public World world() {
        return world;
    }

    @Override
    public void close() {
        azure.close();
        control.close();
        aws.close();
    }
}
