package dev.overcast.runtime.up;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code overcast up}: Overcast on this machine, with its API on {@code http://127.0.0.1:PORT}, until Ctrl-C. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts DynamoDB Local, cloudsim's AWS, GCP and Azure fronts, the interpreter behind a local Step Functions",
            "endpoint, the console API on http://127.0.0.1:PORT (and the web console at / when console/dist exists)",
            "and the hourly reconcile-all schedule. Logs every flow step. Ctrl-C stops everything.",
            "Exit status: 0 stopped by Ctrl-C, 1 could not start (a port in use, an unreadable tokens file)."
        })
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "the API's port (0: any free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "bearer tokens, token → tenant (default examples/auth/tokens.yaml)")
    Path tokens;

    @Option(names = "--console", paramLabel = "DIR", description = "the built web console (default console/dist)")
    Path console;

    @Option(names = "--schedule-interval", defaultValue = "PT1H",
            description = "the deployed rule's interval between reconcile-all runs, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration scheduleInterval;

    @Option(names = "--speed", defaultValue = "1",
            description = "run the schedule this many times faster than real time (default ${DEFAULT-VALUE}; 60: hourly runs every minute)")
    double speed;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        if (speed <= 0 || scheduleInterval.isNegative() || scheduleInterval.isZero()) {
            command.commandLine().getErr().println("overcast up: --speed and --schedule-interval must be positive");
            return 2;
        }
        LocalRuntime.Options options = LocalRuntime.Options.defaults(home()).withPort(port).withSchedule(scheduleInterval, speed);
        if (tokens != null) {
            options = options.withTokens(tokens.toAbsolutePath());
        }
        if (console != null) {
            options = options.withConsole(console.toAbsolutePath());
        }
        out.println("overcast up: starting the local world…");
        out.flush();
        LocalRuntime runtime = LocalRuntime.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("overcast up: stopping…");
            out.flush();
            runtime.close();
            stopped.countDown();
        }, "overcast-up-stop"));
        out.print(runtime.where());
        out.println("overcast up: ready, API on " + runtime.api() + " (Ctrl-C stops)");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The launcher exports OVERCAST_HOME (the checkout); elsewhere the working directory. */
    static Path home() {
        String home = System.getenv("OVERCAST_HOME");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }
}
