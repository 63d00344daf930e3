package dev.overcast.clouds.aws;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.ResourceView;
import dev.overcast.cloudsim.world.World;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

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

    static AwsTarget target(CloudSimConfig config) {
        return target(CloudSim.start(config), AwsConfig.DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * Lets time pass. cloudsim counts eventual consistency in reads rather than time (a fresh resource
     * misses the first describe that would list it), so letting time pass also reads every type once,
     * as the seconds a real flow waits between retries would make fresh resources visible.
     */
    static void settle(World world) {
        world.advance(SETTLE_STEP);
        Set<String> regionAndType = new LinkedHashSet<>();
        for (ResourceView view : world.resources(FRONT, ACCOUNT)) {
            regionAndType.add(view.region() + "/" + view.type());
        }
        regionAndType.forEach(key -> {
            String[] parts = key.split("/", 2);
            world.describe(FRONT, ACCOUNT, parts[0], parts[1]);
        });
    }
}
