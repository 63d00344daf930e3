package dev.overcast.runtime;

import dev.overcast.runtime.asl.AslCommand;
import dev.overcast.runtime.bench.BenchCommand;
import dev.overcast.runtime.chaos.ChaosCommand;
import dev.overcast.runtime.client.ClusterCommands;
import dev.overcast.runtime.cloudsim.CloudSimCommand;
import dev.overcast.runtime.demo.DemoCommand;
import dev.overcast.runtime.invoke.InvokeCommand;
import dev.overcast.runtime.onboarding.PreflightCommand;
import dev.overcast.runtime.plan.PlanCommand;
import dev.overcast.runtime.up.UpCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code overcast} command line; each subcommand is its own class. */
@Command(
        name = "overcast",
        mixinStandardHelpOptions = true,
        version = "overcast 0.1.0",
        description = "Serverless engine for one multi-cloud Kubernetes cluster on your own AWS, GCP and Azure accounts.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AslCommand.class,
            BenchCommand.class,
            ChaosCommand.class,
            CloudSimCommand.class,
            DemoCommand.class,
            InvokeCommand.class,
            PlanCommand.class,
            PreflightCommand.class,
            UpCommand.class,
        })
public final class Main {

    /** Commands whose terminal is for their log lines (up) or that start no local world (help, the API client). */
    private static final Set<String> KEEP_LOGS_ON_TERMINAL = Set.of("up", "help");

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        divertLogs(commandLine, args);
        System.exit(commandLine.execute(args));
    }

    /**
     * A local command prints its own progress; the libraries' and the steps' log lines (an SDK warning
     * per injected fault, a line per request to a Kubernetes API) go to a file it names first.
     */
    private static void divertLogs(CommandLine commandLine, String[] args) {
        CommandLine command = args.length == 0 ? null : commandLine.getSubcommands().get(args[0]);
        if (command == null || KEEP_LOGS_ON_TERMINAL.contains(args[0])
                || List.of(ClusterCommands.ALL).contains(command.getCommandSpec().userObject().getClass())) {
            return;
        }
        Path root = Checkout.root();
        Path file = LogFile.divert(root.resolve("local/runtime/target/run"), args[0], Clock.systemUTC());
        commandLine.getErr().println("logs: " + root.relativize(file));
        commandLine.getErr().flush();
    }

    /** The command line with every subcommand and the one-line failure report; tests drive it directly. */
    public static CommandLine commandLine() {
        // "@file" is ours to interpret (asl run --input @input.json), not picocli's argument-file syntax.
        CommandLine commandLine = new CommandLine(new Main()).setExpandAtFiles(false);
        // The API client commands (create, list, get, events, scale, reconcile, delete) live in one class.
        for (Class<?> client : ClusterCommands.ALL) {
            commandLine.addSubcommand(client);
        }
        // A failure the command did not handle is reported in one line, never as a stack trace.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("overcast " + cmd.getCommandName() + ": " + e);
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }
}
