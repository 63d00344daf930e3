package dev.overcast.runtime;

import dev.overcast.runtime.cloudsim.CloudSimCommand;
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
            CloudSimCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
