package dev.overcast.runtime.bench;

import picocli.CommandLine.Command;

/** {@code overcast bench}: benchmarks that print numbers and write them as JSON under target/bench. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure a part of Overcast on this machine; results go to target/bench/<name>.json.",
        subcommands = {AllBench.class, MakespanBench.class, ReconcileCallsBench.class, ReconcileScaleBench.class, ColdStartBench.class, InterpreterBench.class, StoreBench.class})
public final class BenchCommand {
}
