package dev.overcast.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.ResourceNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Runs Debian's {@code cloud-init schema} on rendered user-data: master 0 (AWS), a joining master on
 * each other cloud, a worker on every cloud. Skipped only when {@code cloud-init} is not installed.
 */
class CloudInitSchemaTest {
    private static final Path DIR = Path.of("target", "cloud-init");
    private static Plan plan;

    @BeforeAll
    static void render() {
        plan = CloudInitTest.plan();
    }

    static Stream<Arguments> nodes() {
        return Stream.of(
                Arguments.of(ResourceNames.master("demo", 0)),
                Arguments.of(ResourceNames.master("demo", 1)),
                Arguments.of(ResourceNames.master("demo", 2)),
                Arguments.of(ResourceNames.worker("demo", Cloud.AWS, 0)),
                Arguments.of(ResourceNames.worker("demo", Cloud.GCP, 0)),
                Arguments.of(ResourceNames.worker("demo", Cloud.AZURE, 0)));
    }

    @ParameterizedTest
    @MethodSource("nodes")
    void schema_shouldAcceptRenderedUserData(String instance) throws Exception {
        Result result = schema(instance + ".yaml", plan.byName().get(instance).attribute(Attributes.USER_DATA));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Valid cloud-config");
    }

    @Test
    void schema_shouldRejectADocumentThatBreaksIt() throws Exception {
        String broken = plan.byName().get(ResourceNames.master("demo", 0)).attribute(Attributes.USER_DATA)
                .replace("package_update: true", "package_update: sometimes")
                .replace("runcmd:", "runcmd: 42\nruncmd_was:");

        Result result = schema("broken.yaml", broken);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("package_update", "runcmd");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result schema(String name, String content) throws IOException, InterruptedException {
        assumeTrue(onPath("cloud-init"), "cloud-init is not installed (Debian package cloud-init); .ci/run installs it");
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(List.of("cloud-init", "schema", "--config-file", file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
