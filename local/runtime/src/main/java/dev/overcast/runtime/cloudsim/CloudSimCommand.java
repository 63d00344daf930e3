package dev.overcast.runtime.cloudsim;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code overcast cloudsim}: the simulated world with its fronts, in the foreground until Ctrl-C. */
@Command(
        name = "cloudsim",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the simulated clouds on 127.0.0.1 and prints one line per front, e.g. 'aws: http://127.0.0.1:4566',",
            "then 'control: …' for the management endpoint, 'azure: https://…' and 'azure-certificate: FILE', the PEM",
            "certificate of the Azure front for the client's trust configuration. Runs until Ctrl-C."
        })
public final class CloudSimCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", description = "First port: the AWS front; the control endpoint takes the next, then the GCP front, "
            + "then the Azure front. 0 = any free ports (default).")
    private int port;

    @Option(names = "--clock-speed", description = "How many times faster than real time the virtual clock flows (default 1).")
    private double clockSpeed = 1;

    @Option(names = "--accounts", split = ",", description = "Fixed account ids; by default any account comes into being on first use.")
    private List<String> accounts = List.of();

    @Option(names = "--no-throttling", description = "Never answer request-limit errors.")
    private boolean noThrottling;

    @Option(names = "--no-eventual-consistency", description = "Show fresh resources to the very next describe.")
    private boolean noEventualConsistency;

    @Override
    public Integer call() throws InterruptedException {
        CloudSim sim = start(spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "cloudsim-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the world and prints its fronts; the caller owns the returned world. */
    CloudSim start(PrintWriter out) {
        if (port < 0 || port > 65532) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 (any free port) or 1..65532, was " + port);
        }
        if (!(clockSpeed > 0) || Double.isInfinite(clockSpeed)) {
            throw new ParameterException(spec.commandLine(), "--clock-speed must be a positive number, was " + clockSpeed);
        }
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults()
                .withFirstPort(port)
                .withClock(clockSpeed == 1 ? VirtualClock.system() : VirtualClock.scaled(clockSpeed))
                .withAccounts(Set.copyOf(accounts))
                .withThrottling(!noThrottling)
                .withEventualConsistency(!noEventualConsistency));
        out.println("aws: " + sim.awsEndpoint());
        out.println("gcp: " + sim.gcpEndpoint());
        out.println("azure: " + sim.azureEndpoint());
        out.println("azure-certificate: " + certificateFile(sim));
        out.println("control: " + sim.controlEndpoint());
        out.flush();
        return sim;
    }

    /** The Azure front's certificate, issued at this start, written where a client's configuration can point. */
    private static Path certificateFile(CloudSim sim) {
        try {
            Path file = Files.createTempFile("cloudsim-azure-", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, sim.azureTrust().pem());
            return file;
        } catch (IOException e) {
            sim.close();
            throw new UncheckedIOException("cannot write the Azure front's certificate", e);
        }
    }
}
