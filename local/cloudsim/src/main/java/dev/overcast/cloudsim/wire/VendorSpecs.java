package dev.overcast.cloudsim.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Where the vendors' API definitions are: {@code shared/specs/} beside the repository (a clone's CI gets a copy
 * of {@code shared/} there), or beside a folder holding it (a git worktree under {@code wt/}). Found by walking
 * up from the working directory to the repository root, the folder whose {@code pom.xml} lists
 * {@code <module>}s, then on up; absent in a checkout without it, and then checks skip.
 */
public final class VendorSpecs {

    private VendorSpecs() {
    }

    /** {@code ../shared/specs} of the repository root, if that folder exists. */
    public static Optional<Path> folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && readsModules(pom)) {
                return besideAncestor(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> besideAncestor(Path root) {
        for (Path dir = root; dir.getParent() != null; dir = dir.getParent()) {
            Path specs = dir.resolveSibling("shared").resolve("specs");
            if (Files.isDirectory(specs)) {
                return Optional.of(specs);
            }
        }
        return Optional.empty();
    }

    /** The gunzipped bytes of one definition, e.g. {@code gcp/compute.v1.json.gz}, if present. */
    public static Optional<byte[]> read(String relativePath) {
        return folder().map(f -> f.resolve(relativePath)).filter(Files::isRegularFile).map(file -> {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }

    private static boolean readsModules(Path pom) {
        try {
            return Files.readString(pom).contains("<module>");
        } catch (IOException e) {
            return false;
        }
    }
}
