package dev.overcast.runtime.bench;

import picocli.CommandLine.Command;

/** {@code overcast bench …}: benchmarks that print numbers and write JSON under target/bench. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and write its numbers to target/bench.",
        subcommands = {InterpreterBench.class})
public final class BenchCommand {
}
