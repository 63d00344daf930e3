package dev.overcast.runtime.chaos;

import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.core.Cloud;
import dev.overcast.runtime.world.LocalWorld;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code overcast chaos}: N create → damage → reconcile → scale → destroy runs on one local world with
 * faults on every cloud front, then one summary line. Exits 1 when any run did not converge or anything
 * was duplicated, leaked or lost; what went wrong is printed per run on stderr.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = "Runs create, by-hand damage, reconcile, scale and destroy N times with cloud faults; prints "
                + "'runs=N converged=N refused=N duplicates=0 leaked=0 lost_changes=0' (refused: creates the accounts' quotas "
                + "could not hold, refused at admission) and exits 1 when a count is off.")
public final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "10", description = "how many runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--fault-rate", defaultValue = "0.05", description = "share of cloud calls that fail, 0 to 1 (default ${DEFAULT-VALUE})")
    double faultRate;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the faults and the damage (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--clouds", split = ",", defaultValue = "aws,gcp",
            description = "clouds of each run's cluster (default ${DEFAULT-VALUE}; all three work but take longer)")
    List<String> clouds;

    @Option(names = "--sdk-retries", description = "let the cloud SDKs retry as in production (their back-off sleeps in real time, "
            + "so runs take far longer); by default every fault reaches Overcast's own retries on the virtual clock")
    boolean sdkRetries;

    @Option(names = "--parallel", defaultValue = "4", description = "runs under way at once (default ${DEFAULT-VALUE})")
    int parallel;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs: must be at least 1, was " + runs);
        }
        if (!(faultRate >= 0 && faultRate <= 1)) {
            throw new ParameterException(spec.commandLine(), "--fault-rate: must be within [0, 1], was " + faultRate);
        }
        List<Cloud> chosen = new ArrayList<>();
        for (String id : clouds) {
            chosen.add(Cloud.fromId(id).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--clouds: unknown cloud '" + id + "', expected aws, gcp or azure")));
        }
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel: must be at least 1, was " + parallel);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // DynamoDB Local and the Kubernetes mock print banners to System.out; stdout is the summary line's alone.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        ChaosTally tally;
        try (LocalWorld world = sdkRetries ? LocalWorld.start(repository()) : LocalWorld.startWithoutSdkRetries(repository())) {
            tally = runAll(new ChaosRun(world, chosen, faultRate), err);
        } finally {
            System.setOut(stdout);
        }
        out.println(tally.line());
        out.flush();
        return tally.clean() ? 0 : 1;
    }

    /**
     * The runs, {@code parallel} at a time: a run spends much of its real time waiting on the clouds'
     * answers, so overlapping runs use the machine better. Leaks are the difference of every account before the
     * first run and after the last, so whatever a run left behind counts, owned or not.
     */
    private ChaosTally runAll(ChaosRun chaos, PrintWriter err) {
        Map<Cloud, Snapshot> before = chaos.snapshots();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<ChaosOutcome>> futures = new ArrayList<>();
        chaos.faultsOn(seed);
        try {
            for (int i = 1; i <= runs; i++) {
                long runSeed = seed * 1_000_003L + i;
                String cluster = "chaos-" + i;
                futures.add(pool.submit(() -> chaos.run(cluster, runSeed)));
            }
            List<ChaosOutcome> outcomes = new ArrayList<>();
            for (Future<ChaosOutcome> future : futures) {
                ChaosOutcome outcome = future.get();
                outcomes.add(outcome);
                if (outcome.wasRefused()) {
                    err.println(outcome.cluster() + ": refused at admission: " + outcome.refused());
                    err.flush();
                } else if (!outcome.clean()) {
                    err.println(outcome.cluster() + ": " + String.join("; ", outcome.failures()) + " duplicates=" + outcome.duplicates()
                            + " left_owned=" + outcome.leaked() + " lost_changes=" + outcome.lostChanges());
                    err.flush();
                }
            }
            chaos.faultsOff();
            Map<Cloud, Snapshot> after = chaos.snapshots();
            List<String> leaked = new ArrayList<>();
            before.forEach((cloud, snapshot) -> snapshot.diff(after.get(cloud)).forEach(line -> leaked.add(cloud.id() + " " + line)));
            leaked.forEach(line -> err.println("leaked: " + line));
            err.flush();
            return ChaosTally.of(outcomes, leaked.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chaos runs were under way", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a chaos run crashed: " + e.getCause(), e.getCause());
        } finally {
            chaos.faultsOff();
            pool.shutdownNow();
        }
    }

    /** The launcher exports OVERCAST_HOME (the checkout holding template.yaml); elsewhere the working directory. */
    private static Path repository() {
        String home = System.getenv("OVERCAST_HOME");
        return Path.of(home == null ? "." : home);
    }
}
