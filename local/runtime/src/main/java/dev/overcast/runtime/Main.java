package dev.overcast.runtime;

import dev.overcast.runtime.asl.AslCommand;
import dev.overcast.runtime.bench.BenchCommand;
import dev.overcast.runtime.chaos.ChaosCommand;
import dev.overcast.runtime.cloudsim.CloudSimCommand;
import dev.overcast.runtime.onboarding.PreflightCommand;
import dev.overcast.runtime.plan.PlanCommand;
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
            PlanCommand.class,
            PreflightCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        // "@file" is ours to interpret (asl run --input @input.json), not picocli's argument-file syntax.
        CommandLine commandLine = new CommandLine(new Main()).setExpandAtFiles(false);
        // A failure the command did not handle is reported in one line, never as a stack trace.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("overcast " + cmd.getCommandName() + ": " + e);
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }
}
