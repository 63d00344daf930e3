package dev.overcast.runtime.demo;

import dev.overcast.runtime.Checkout;
import dev.overcast.runtime.world.LocalWorld;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code overcast demo}: the whole life of a three-cloud cluster against an embedded local world. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Plans examples/three-clouds.yaml, creates the cluster on AWS, GCP and Azure (simulated, with live progress),",
            "breaks a subnet, a VPN tunnel, a worker and a firewall rule by hand, lets the hourly schedule repair them,",
            "scales workers up on GCP and down on Azure, destroys the cluster and checks every account is as before.",
            "Exit status: 0 the story held, 1 a step diverged (it says which, loudly)."
        })
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--plain", description = "Print progress as lines, without redrawing (the default when stdout is not a terminal).")
    private boolean plain;

    @Option(names = "--fail", paramLabel = "FRONT:ACTION:CODE",
            description = "Make the next call of an action fail with an error code, to watch the demo stop, e.g. aws:RunInstances:InstanceLimitExceeded.")
    private List<String> failures = List.of();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Failure> injected = failures.stream().map(this::failure).toList();
        Path home = Checkout.root();
        long start = System.nanoTime();
        out.println("Overcast demo: one cluster on three clouds, simulated on this machine (no cloud account, no Docker).");
        out.println("Starting the local world: DynamoDB Local, cloudsim (EC2, Compute Engine and ARM fronts), the ASL interpreter...");
        out.flush();
        try (LocalWorld world = LocalWorld.startQuietly(home)) {
            injected.forEach(f -> world.cloudSim().world().faults().failNext(f.front(), f.action(), 1, f.code()));
            out.printf("  ready in %s: aws %s, gcp %s, azure %s%n", Demo.seconds(Duration.ofNanos(System.nanoTime() - start)),
                    world.cloudSim().awsEndpoint(), world.cloudSim().gcpEndpoint(), world.cloudSim().azureEndpoint());
            boolean identical = new Demo(world, home, out, !plain && System.console() != null).run();
            out.printf("real time: %s%n", Demo.seconds(Duration.ofNanos(System.nanoTime() - start)));
            out.flush();
            return identical ? 0 : 1;
        } catch (DemoDiverged e) {
            out.flush();
            err.println();
            err.println("DEMO FAILED: " + e.getMessage());
            err.println("The story diverged at the step above; nothing after it ran.");
            err.flush();
            return 1;
        }
    }

    /** A failure to inject: the next call of an action on a front answers an error code. */
    private record Failure(String front, String action, String code) {
    }

    private Failure failure(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(),
                    "--fail: expected FRONT:ACTION:CODE, e.g. aws:RunInstances:InstanceLimitExceeded, got '" + text + "'");
        }
        return new Failure(parts[0], parts[1], parts[2]);
    }
}
