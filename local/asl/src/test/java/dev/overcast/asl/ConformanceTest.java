package dev.overcast.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.task.TaskResources;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case recorded from real AWS executions (see conformance/asl/README.md) and compares the
 * outcome as that README prescribes. Exclusions live in conformance/exclusions.txt with a reason each.
 */
class ConformanceTest {
    private static final Path ROOT = resource("conformance/asl");

    @TestFactory
    Stream<DynamicTest> recordedAwsExecutions() throws IOException {
        Map<String, String> excluded = exclusions();
        List<Path> cases;
        try (Stream<Path> files = Files.walk(ROOT)) {
            cases = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(249);
        return cases.stream()
                .filter(file -> !excluded.containsKey(name(file)))
                .map(file -> DynamicTest.dynamicTest(name(file), () -> check(Json.MAPPER.readTree(file.toFile()))));
    }

    private static void check(JsonNode testCase) {
        Interpreter interpreter = new Interpreter(TaskResources.none(),
                new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")));
        StateMachine machine = interpreter.parse(testCase.get("definition"));
        ExecutionResult result = interpreter.execute(machine, "conformance", testCase.get("input"));
        JsonNode expected = testCase.get("expected");
        assertThat(result.status().name())
                .as("status (error %s, cause %s)", result.error(), result.cause())
                .isEqualTo(expected.get("status").textValue());
        if (result.succeeded()) {
            JsonNode actual = result.output().deepCopy();
            JsonNode wanted = expected.get("output").deepCopy();
            for (JsonNode ignored : testCase.path("ignore")) {
                String path = ignored.textValue();
                assertThat(JsonPaths.readOrNull(path, actual, new StateContext(Json.object(), Variables.root())))
                        .as("ignored path %s must exist", path).isNotNull();
                actual = ResultPath.parse(path).apply(actual, Json.NODES.nullNode());
                wanted = ResultPath.parse(path).apply(wanted, Json.NODES.nullNode());
            }
            assertThat(JsonValues.same(actual, wanted)).as("output %s, expected %s", actual, wanted).isTrue();
        } else {
            assertThat(result.error()).as("error (cause %s)", result.cause()).isEqualTo(expected.get("error").textValue());
            if (expected.has("cause")) {
                assertThat(result.cause()).isEqualTo(expected.get("cause").textValue());
            }
        }
    }

    private static String name(Path file) {
        String relative = ROOT.relativize(file).toString().replace('\\', '/');
        return relative.substring(0, relative.length() - ".json".length());
    }

    private static Map<String, String> exclusions() throws IOException {
        Map<String, String> excluded = new HashMap<>();
        for (String line : Files.readAllLines(resource("conformance/exclusions.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            assertThat(colon).as("exclusion '%s' must read 'folder/case: reason'", line).isPositive();
            assertThat(line.substring(colon + 1).trim()).as("reason for %s", line).isNotEmpty();
            excluded.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return excluded;
    }

    private static Path resource(String name) {
        try {
            return Path.of(ConformanceTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
