package dev.overcast.runtime.plan;

import dev.overcast.core.spec.InvalidSpecException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** How a command that reads a spec says it is invalid: one line, then every violation. */
public final class InvalidSpecReport {

    private InvalidSpecReport() {
    }

    public static void print(String command, Path file, InvalidSpecException e, PrintWriter err) {
        err.printf("overcast %s: %s is not a valid cluster spec (%d violation%s):%n",
                command, file, e.violations().size(), e.violations().size() == 1 ? "" : "s");
        e.violations().forEach(v -> err.println("  " + v));
    }
}
