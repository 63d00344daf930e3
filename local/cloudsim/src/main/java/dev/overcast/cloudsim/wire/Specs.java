package dev.overcast.cloudsim.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the vendors' API definitions are: the system property {@value #FOLDER_PROPERTY}, else
 * {@code shared/specs} beside the repository (CI copies {@code shared/} next to its clone), found by walking
 * up from the working directory to the outermost {@code pom.xml} that lists {@code <module>}s and then
 * looking in {@code ../shared/specs} and the same place further up (a worktree nested one level deeper).
 * Absent on a machine without them: each front's check is then skipped, and says so once.
 */
public final class Specs {

    public static final String FOLDER_PROPERTY = "overcast.specs";

    private static final Logger log = LoggerFactory.getLogger(Specs.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Specs() {
    }

    public static Optional<Path> folder() {
        String given = System.getProperty(FOLDER_PROPERTY);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isDirectory);
        }
        Path root = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isAggregatorPom(dir.resolve("pom.xml"))) {
                root = dir;
            }
        }
        for (Path dir = root == null ? null : root.getParent(); dir != null; dir = dir.getParent()) {
            Path specs = dir.resolve("shared").resolve("specs");
            if (Files.isDirectory(specs)) {
                return Optional.of(specs);
            }
        }
        return Optional.empty();
    }

    /** A gzipped JSON definition under the specs folder, e.g. {@code aws/ec2.service-2.json.gz}; empty (logged) when absent. */
    public static Optional<JsonNode> gzippedJson(String relative) {
        Optional<Path> file = folder().map(dir -> dir.resolve(relative)).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            log.info("wire check of {} skipped: no shared/specs folder beside the repository (or -D{})", relative, FOLDER_PROPERTY);
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file.get()))) {
            return Optional.of(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API definition " + file.get(), e);
        }
    }

    private static boolean isAggregatorPom(Path pom) {
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>");
        } catch (IOException e) {
            return false;
        }
    }
}
