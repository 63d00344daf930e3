package dev.overcast.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

    @Test
    void parseYaml_shouldReadEveryField() {
        ClusterSpec spec = SpecReader.parseYaml("""
                name: demo
                clouds: [aws, gcp]
                regions: {aws: us-east-1}
                near: us-east
                masters: {count: 3, size: large}
                workers:
                  gcp: {count: 2, size: n2-standard-8}
                network: {podCidr: 10.200.0.0/16}
                kubernetesVersion: "1.30"
                """);

        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.clouds()).containsExactly("aws", "gcp");
        assertThat(spec.regions()).containsEntry("aws", "us-east-1");
        assertThat(spec.masters()).isEqualTo(new MachinePool(3, "large"));
        assertThat(spec.workers()).containsEntry("gcp", new MachinePool(2, "n2-standard-8"));
        assertThat(spec.networkOrDefault().podCidr()).isEqualTo("10.200.0.0/16");
        assertThat(spec.kubernetesVersionOrDefault()).isEqualTo("1.30");
    }

    @Test
    void parseJson_shouldReadTheSameSpec() {
        ClusterSpec spec = SpecReader.parseJson("""
                {"name": "demo", "clouds": ["azure"], "near": "tokyo", "masters": {"count": 1}}
                """);

        assertThat(spec.cloudList()).extracting(c -> c.id()).containsExactly("azure");
        assertThat(spec.masters().sizeOrDefault()).isEqualTo("medium");
    }

    @Test
    void parse_shouldReportEveryUnknownFieldAndWrongType_atOnce() {
        assertThatThrownBy(() -> SpecReader.parseYaml("""
                name: demo
                clouds: [aws]
                near: us-east
                colour: blue
                masters: {count: three, sise: small}
                workers:
                  aws: {count: 1, extra: true}
                """))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::rule)
                        .contains(
                                tuple("colour", "unknown-field"),
                                tuple("masters.count", "type"),
                                tuple("masters.sise", "unknown-field"),
                                tuple("workers.aws.extra", "unknown-field")));
    }

    @Test
    void parse_shouldAlsoReportSemanticViolations_whenSomeFieldsAreUnknown() {
        assertThatThrownBy(() -> SpecReader.parseYaml("""
                name: demo
                clouds: [aws]
                near: us-east
                masters: {count: 2}
                oops: 1
                """))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("oops", "masters.count"));
    }

    @Test
    void parse_shouldFailInOneLine_whenYamlIsBroken() {
        assertThatThrownBy(() -> SpecReader.parseYaml("name: [unclosed\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("spec: not valid YAML at line 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void parse_shouldFail_whenDocumentIsEmptyOrNotAMapping() {
        assertThatThrownBy(() -> SpecReader.parseYaml("")).isInstanceOf(SpecFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SpecReader.parseYaml("- a\n- b\n")).isInstanceOf(SpecFormatException.class).hasMessageContaining("mapping");
    }

    @Test
    void read_shouldNameTheFile_whenItIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> SpecReader.read(missing))
                .isInstanceOf(SpecFormatException.class)
                .hasMessage("cannot read " + missing + ": no such file");
    }

    @Test
    void read_shouldParseJsonFilesAsJson(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"name\": \"x\", \"clouds\": [\"gcp\"], \"near\": \"iowa\", \"masters\": {\"count\": 1}}");
        assertThat(SpecReader.read(file).name()).isEqualTo("x");
    }
}
