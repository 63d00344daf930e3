package dev.overcast.runtime.asl;

import picocli.CommandLine.Command;

/** {@code overcast asl …}: the local Step Functions interpreter on its own. */
@Command(name = "asl", mixinStandardHelpOptions = true,
        description = "Run Amazon States Language definitions with the local interpreter.",
        subcommands = {AslRun.class})
public final class AslCommand {
}
