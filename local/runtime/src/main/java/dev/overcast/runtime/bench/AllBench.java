package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code overcast bench all}: every benchmark with its defaults, one after another, then one report of them all. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Run every benchmark with its defaults and collect their results into target/bench/all.json.")
public final class AllBench implements Callable<Integer> {
    private static final List<Object> BENCHMARKS = List.of(new MakespanBench(), new ReconcileCallsBench(),
            new ReconcileScaleBench(), new ColdStartBench(), new InterpreterBench(), new StoreBench());

    @Override
    public Integer call() throws IOException {
        BenchReport all = new BenchReport("all");
        ObjectMapper json = new ObjectMapper();
        for (Object benchmark : BENCHMARKS) {
            CommandLine command = new CommandLine(benchmark);
            String name = command.getCommandName();
            int exit = command.execute();
            Path file = BenchReport.outputDirectory().resolve(name + ".json");
            if (exit != 0) {
                all.put(name, "failed (exit " + exit + ")");
                continue;
            }
            JsonNode document = json.readTree(file.toFile());
            all.put(name, document.get("results"));
        }
        all.publish(System.out);
        return 0;
    }
}
