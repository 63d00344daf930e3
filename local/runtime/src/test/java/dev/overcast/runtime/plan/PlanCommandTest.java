package dev.overcast.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {
    /** The examples shipped at the repository root, two levels above this module. */
    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new PlanCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void plan_shouldPrintRegionsNetworkAndResources_forTheThreeCloudExample() {
        int status = run(EXAMPLES.resolve("three-clouds.yaml").toString());

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("Regions", "aws    us-east-1", "gcp    us-east4", "azure  eastus2")
                .contains("aws/us-east-1  gcp/us-east4   1.62 ms  measured")
                .contains("Network plan", "10.10.0.0/16", "169.254.21.0/30")
                .contains("Resources, in creation order", "demo-vpn-tunnel-gcp-azure", "demo-instance-master-2");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void plan_shouldPlanEveryShippedExample() throws Exception {
        try (var files = Files.list(EXAMPLES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml")).toList()).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(f -> assertThat(run(f.toString())).as(f.toString()).isZero());
        }
    }

    @Test
    void plan_shouldPrintDeterministicJson_whenAsked() {
        String file = EXAMPLES.resolve("frankfurt-pair.yaml").toString();
        run("--json", file);
        String first = out.toString();
        out.getBuffer().setLength(0);
        run("--json", file);

        assertThat(out.toString()).isEqualTo(first).startsWith("{").contains("\"cluster\" : \"fra\"");
    }

    @Test
    void plan_shouldExit2AndListEveryViolation_whenTheSpecIsInvalid(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), """
                name: demo
                clouds: [aws, gcp]
                regions: {aws: us-east-1, gcp: us-east1}
                masters: {count: 2}
                workers: {gcp: {count: 250}}
                colour: blue
                """);

        assertThat(run(spec.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("(4 violations)")
                .contains("  colour: unknown field 'colour' [unknown-field]")
                .contains("  regions: no region set keeps every pair within 10 ms")
                .contains("  masters.count: must be 1, 3 or 5, was 2 [one-of]")
                .contains("  workers.gcp.count: must be between 0 and 100, was 250 [range]");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void plan_shouldExit1InOneLine_whenTheFileIsMissingOrNotYaml(@TempDir Path dir) throws Exception {
        assertThat(run(dir.resolve("missing.yaml").toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("overcast plan: cannot read " + dir.resolve("missing.yaml") + ": no such file" + System.lineSeparator());

        err.getBuffer().setLength(0);
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: demo\nclouds: [aws\n");
        assertThat(run(broken.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("overcast plan: " + broken + ": not valid YAML at line");
    }
}
