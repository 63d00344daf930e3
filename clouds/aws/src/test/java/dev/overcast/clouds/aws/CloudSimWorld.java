package dev.overcast.clouds.aws;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import java.time.Duration;

/** A cloudsim world seen as one AWS account, and the contract target on top of it. */
final class CloudSimWorld {

    static final String FRONT = "aws";
    static final String ACCOUNT = "123456789012";
    /** cloudsim boots any well-formed image id. */
    static final String IMAGE = "ami-0a1b2c3d4e5f60718";
    static final Duration SETTLE_STEP = Duration.ofMinutes(3);

    private CloudSimWorld() {
    }

    static AwsTarget target(CloudSim sim, int maxAttempts) {
        return new AwsTarget(sim.awsEndpoint(), new AwsCredentials.StaticKeys(ACCOUNT, "cloudsim-secret"), maxAttempts, IMAGE,
                () -> settle(sim.world()), () -> sim.world().calls().total(FRONT), sim);
    }

    /** The target with the world's books: calls by action, seeded faults and what the account holds. */
    static EmulatedCloud emulated(CloudSim sim, int maxAttempts) {
        World world = sim.world();
        return new EmulatedCloud(target(sim, maxAttempts), () -> world.calls().byAction(FRONT), world.calls()::reset,
                world.faults()::randomFaults, world.faults()::clear, () -> world.resources(FRONT, ACCOUNT));
    }

    static AwsTarget target(CloudSimConfig config) {
        return target(CloudSim.start(config), AwsConfig.DEFAULT_MAX_ATTEMPTS);
    }

    static void settle(World world) {
        world.settle(FRONT, ACCOUNT, SETTLE_STEP);
    }
}
