package dev.overcast.cloudsim.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ledger of every front's check against the vendor's own API definition ({@code shared/specs/}):
 * which operations were served, and every way a request a front accepted or an answer it gave
 * departed from the definition. Each front checks its own wire format (botocore model, discovery
 * document, Azure REST spec) and records here; tests read the ledger and the report.
 *
 * <p>Process-wide on purpose: a flow test starts several worlds, and the report covers all of them.
 * The mode comes from the system property {@value #MODE_PROPERTY}: {@code off} (default: no checking
 * cost for the CLI), {@code report} (record and write the report), {@code strict} (as report, and
 * {@link #assertNoDeviationsSince} fails the caller). When checking, the process writes one report per
 * registered {@link WireDefinition} into {@code target/wire-report/} as it exits.
 */
public final class WireCheck {

    public static final String MODE_PROPERTY = "overcast.cloudsim.wireCheck";

    public enum Mode { OFF, REPORT, STRICT }

    /** One departure from the definition: the operation, and what differs (field and rule). */
    public record Deviation(String cloud, String operation, String what) {
        @Override
        public String toString() {
            return cloud + " " + operation + ": " + what;
        }
    }

    private static final Map<String, Map<String, Integer>> SERVED = new ConcurrentHashMap<>();
    private static final List<Deviation> DEVIATIONS = new CopyOnWriteArrayList<>();

    private static final AtomicBoolean REPORT_ON_EXIT = new AtomicBoolean();

    private WireCheck() {
    }

    private static void reportOnExit() {
        if (REPORT_ON_EXIT.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (WireDefinition definition : ServiceLoader.load(WireDefinition.class)) {
                    writeReport(Path.of("target", "wire-report"), definition.cloud(), definition.definedOperations());
                }
            }, "wire-report"));
        }
    }

    public static Mode mode() {
        String value = System.getProperty(MODE_PROPERTY, "off");
        return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public static boolean enabled() {
        return mode() != Mode.OFF;
    }

    /** A front served {@code operation} (whatever the outcome): counts toward the report's coverage. */
    public static void served(String cloud, String operation) {
        if (enabled()) {
            reportOnExit();
            SERVED.computeIfAbsent(cloud, c -> new ConcurrentHashMap<>()).merge(operation, 1, Integer::sum);
        }
    }

    public static void deviation(String cloud, String operation, String what) {
        if (enabled()) {
            DEVIATIONS.add(new Deviation(cloud, operation, what));
        }
    }

    /** How many deviations are recorded so far: a mark to pass to {@link #assertNoDeviationsSince}. */
    public static int mark() {
        return DEVIATIONS.size();
    }

    public static List<Deviation> deviationsSince(int mark) {
        return List.copyOf(DEVIATIONS.subList(Math.min(mark, DEVIATIONS.size()), DEVIATIONS.size()));
    }

    /** In strict mode, fails with every deviation recorded after {@code mark}; otherwise does nothing. */
    public static void assertNoDeviationsSince(int mark) {
        if (mode() != Mode.STRICT) {
            return;
        }
        List<Deviation> found = deviationsSince(mark);
        if (!found.isEmpty()) {
            throw new AssertionError("cloudsim departed from the vendors' API definitions:\n  "
                    + String.join("\n  ", found.stream().map(Deviation::toString).toList()));
        }
    }

    /**
     * Writes {@code <cloud>.md} into {@code dir}: per operation, covered (served, no deviation),
     * deviating (with each distinct deviation), or not yet served ({@code definedOperations} less the
     * served ones).
     */
    public static Path writeReport(Path dir, String cloud, List<String> definedOperations) {
        Map<String, Integer> served = new TreeMap<>(SERVED.getOrDefault(cloud, Map.of()));
        Map<String, List<String>> deviating = new TreeMap<>();
        for (Deviation d : DEVIATIONS) {
            if (d.cloud().equals(cloud)) {
                List<String> list = deviating.computeIfAbsent(d.operation(), o -> new ArrayList<>());
                if (!list.contains(d.what())) {
                    list.add(d.what());
                }
            }
        }
        StringBuilder out = new StringBuilder("# cloudsim wire check: " + cloud + "\n\n| operation | served | result |\n|---|---|---|\n");
        served.forEach((operation, count) -> out.append("| ").append(operation).append(" | ").append(count).append(" | ")
                .append(deviating.containsKey(operation) ? "deviating: " + String.join("; ", deviating.get(operation)) : "covered")
                .append(" |\n"));
        deviating.keySet().stream().filter(o -> !served.containsKey(o))
                .forEach(o -> out.append("| ").append(o).append(" | 0 | deviating: ").append(String.join("; ", deviating.get(o))).append(" |\n"));
        List<String> unserved = definedOperations.stream().filter(o -> !served.containsKey(o)).sorted().toList();
        out.append("\nNot yet served (").append(unserved.size()).append(" of ").append(definedOperations.size())
                .append(" defined operations)").append(unserved.isEmpty() ? "" : ": " + String.join(", ", unserved)).append('\n');
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(cloud + ".md");
            Files.writeString(file, out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
