package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One benchmark's numbers: written as JSON to {@code target/bench/<name>.json} under the project
 * directory and printed as a short table. Every {@code overcast bench} command reports through it so
 * that the results read alike and can be collected into one report.
 */
public final class BenchReport {
    /** Where tests send their tiny runs, so they never overwrite measured numbers. */
    static final String OUTPUT_PROPERTY = "overcast.bench.output";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final Map<String, Object> results = new LinkedHashMap<>();

    public BenchReport(String name) {
        this.name = name;
    }

    public BenchReport put(String key, Object value) {
        results.put(key, value);
        return this;
    }

    /** Throughput and latency percentiles (milliseconds) of one measured operation. */
    public BenchReport putLatencies(String operation, Histogram nanos, double elapsedSeconds) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", nanos.getTotalCount());
        stats.put("opsPerSecond", round(nanos.getTotalCount() / elapsedSeconds));
        stats.put("p50Ms", millis(nanos.getValueAtPercentile(50)));
        stats.put("p99Ms", millis(nanos.getValueAtPercentile(99)));
        stats.put("maxMs", millis(nanos.getMaxValue()));
        results.put(operation, stats);
        return this;
    }

    /** Writes the JSON file and prints the table; returns the file. */
    public Path publish(PrintStream out) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", name);
        document.put("measuredAt", Instant.now().toString());
        document.put("machine", Map.of(
                "cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version")));
        document.put("results", results);
        Path file = outputDirectory().resolve(name + ".json");
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.printf("%-32s %s%n", "benchmark", name);
        results.forEach((key, value) -> out.printf("%-32s %s%n", key, value));
        out.printf("%-32s %s%n", "written to", file);
        return file;
    }

    /** {@code target/bench} of the checkout, unless the system property {@value #OUTPUT_PROPERTY} names another. */
    static Path outputDirectory() {
        String output = System.getProperty(OUTPUT_PROPERTY);
        return output != null ? Path.of(output) : home().resolve("target").resolve("bench");
    }

    /**
     * The checkout: the launcher exports OVERCAST_HOME; elsewhere (tests) the nearest directory up from
     * the working directory that holds template.yaml, else the working directory.
     */
    static Path home() {
        String home = System.getenv("OVERCAST_HOME");
        if (home != null) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("template.yaml"))) {
                return p;
            }
        }
        return here;
    }

    private static double millis(long nanos) {
        return round(nanos / (double) TimeUnit.MILLISECONDS.toNanos(1));
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
