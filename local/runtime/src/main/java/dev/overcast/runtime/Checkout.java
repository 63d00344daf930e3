package dev.overcast.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the command runs from: its template.yaml, statemachines/, events/ and examples/. */
public final class Checkout {
    private static final String MARKER = "template.yaml";

    private Checkout() {
    }

    /**
     * The launcher exports OVERCAST_HOME (the checkout); elsewhere the nearest directory from the
     * working one upwards that holds template.yaml (a module directory, as under Maven), else the working directory.
     */
    public static Path root() {
        String home = System.getenv("OVERCAST_HOME");
        if (home != null) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
        }
        return here;
    }
}
