package dev.overcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md names only what exists: repository paths (any code word starting with a top-level entry of
 * the repository, and root {@code .yaml} files), {@code ./overcast} subcommands, the template's parameters
 * (the guide's parameter table lists exactly them) and functions, and the events {@code sam local invoke} uses.
 */
class DeployGuideTest {
    private static final Path REPO = Path.of("../..");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern FENCE = Pattern.compile("(?s)```\\w*\\n(.*?)```");
    private static final Pattern OVERCAST = Pattern.compile("\\./overcast ([a-z][a-z-]*)");
    private static final Pattern SAM_INVOKE = Pattern.compile("sam local invoke (\\w+) --event (\\S+)");
    private static final Pattern PARAMETER_ROW = Pattern.compile("(?m)^\\| `(\\w+)` \\|");
    private static String guide;
    private static List<String> codeWords;
    private static JsonNode template;

    @BeforeAll
    static void read() throws IOException {
        guide = Files.readString(REPO.resolve("docs/deploy.md"));
        template = new YAMLMapper().readTree(REPO.resolve("template.yaml").toFile());
        codeWords = new ArrayList<>();
        Matcher inline = INLINE_CODE.matcher(FENCE.matcher(guide).replaceAll(""));
        while (inline.find()) {
            codeWords.add(inline.group(1).trim());
        }
        Matcher fence = FENCE.matcher(guide);
        while (fence.find()) {
            codeWords.addAll(List.of(fence.group(1).split("\\s+")));
        }
    }

    @Test
    void everyRepositoryPathTheGuideNames_shouldExist() throws IOException {
        Set<String> topLevel = new TreeSet<>();
        try (Stream<Path> entries = Files.list(REPO)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(topLevel::add);
        }
        List<String> paths = codeWords.stream()
                .filter(w -> w.matches("[\\w./-]+") && (w.contains("/") && topLevel.contains(w.substring(0, w.indexOf('/')))
                        || w.matches("[\\w-]+\\.yaml")))
                .toList();

        assertThat(paths).contains("onboarding/aws/overcast-role.yaml", "onboarding/gcp/overcast-role.yaml",
                "onboarding/azure/overcast-role.json", "template.yaml");
        assertThat(paths).allSatisfy(p -> assertThat(REPO.resolve(p)).as(p).exists());
    }

    @Test
    void everyOvercastCommandTheGuideRuns_shouldBeASubcommand() {
        Set<String> subcommands = Main.commandLine().getSubcommands().keySet();
        Matcher command = OVERCAST.matcher(guide);
        List<String> used = new ArrayList<>();
        while (command.find()) {
            used.add(command.group(1));
        }

        assertThat(used).contains("preflight").allSatisfy(c -> assertThat(subcommands).as("./overcast " + c).contains(c));
    }

    @Test
    void parameterTable_shouldExplainExactlyTheTemplatesParameters() {
        String section = guide.substring(guide.indexOf("### Parameters"), guide.indexOf("### What the stack creates"));
        Set<String> explained = new TreeSet<>();
        Matcher row = PARAMETER_ROW.matcher(section);
        while (row.find()) {
            explained.add(row.group(1));
        }
        Set<String> parameters = new TreeSet<>();
        template.path("Parameters").fieldNames().forEachRemaining(parameters::add);

        assertThat(explained).isEqualTo(parameters);
    }

    @Test
    void everyFunctionAndEventTheGuideNames_shouldBeInTheTemplateAndEvents() {
        Set<String> functions = new TreeSet<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.add(e.getKey());
            }
        });
        List<String> named = codeWords.stream().filter(w -> w.matches("[A-Z]\\w+Function")).toList();
        Matcher invoke = SAM_INVOKE.matcher(guide);
        int invocations = 0;
        while (invoke.find()) {
            invocations++;
            assertThat(functions).as("sam local invoke " + invoke.group(1)).contains(invoke.group(1));
            assertThat(REPO.resolve(invoke.group(2))).as(invoke.group(2)).exists();
        }

        assertThat(invocations).isPositive();
        assertThat(named).isNotEmpty().allSatisfy(f -> assertThat(functions).as(f).contains(f));
    }
}
