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

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
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
