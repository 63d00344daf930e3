package dev.overcast.runtime.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PreflightCommandTest {
    private static final String SPEC = Path.of("../../examples/three-clouds.yaml").toString();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new PreflightCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void preflight_shouldExitZeroAndPrintEveryCloudsChecks_whenAllPass() {
        int status = run("-f", SPEC);

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("aws    account   credentials", "gcp    account   permissions", "azure  eastus2   quota cores")
                .contains(" 0 failed");
    }

    @Test
    void preflight_shouldExitThreeWithTheRemedy_whenAPermissionIsDenied() {
        int status = run("-f", SPEC, "--deny", "aws:ec2:RunInstances", "--quota", "gcp/vpn-tunnel=2");

        assertThat(status).isEqualTo(PreflightCommand.FAILED);
        assertThat(out.toString()).contains("dry run RunInstances", "FAIL", "remedy: grant the action named in the detail")
                .contains("quota VPN_TUNNELS", "needs 6, limit 2").contains("2 failed");
    }

    @Test
    void preflight_shouldExitTwo_whenTheSpecIsInvalid() {
        int status = run("-f", Path.of("../../pom.xml").toString());

        assertThat(status).isIn(PreflightCommand.UNREADABLE, PreflightCommand.INVALID);
        assertThat(err.toString()).startsWith("overcast preflight: ");
    }

    @Test
    void preflight_shouldRefuseAMalformedDenial() {
        int status = run("-f", SPEC, "--deny", "ec2:CreateVpc");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--deny must be CLOUD:PERMISSION");
    }
}
