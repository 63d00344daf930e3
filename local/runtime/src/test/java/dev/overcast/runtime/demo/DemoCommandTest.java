package dev.overcast.runtime.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code overcast demo} run in-process, as a user runs it (the repository is found above this module). */
class DemoCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void demo_shouldTellTheWholeStory_andEndWithEveryAccountAsBefore() {
        int status = run();

        String[] lines = out.toString().strip().split("\n");
        assertThat(status).as(err.toString()).isZero();
        assertThat(lines[lines.length - 2]).isEqualTo("accounts identical to before: yes");
        String id = out.toString().replaceFirst("(?s).*Create cluster 'demo' \\(internal id (demo-[a-z0-9]{6})\\).*", "$1");
        assertThat(id).as("the cluster's internal id, drawn as the API draws one").matches("demo-[a-z0-9]{6}");
        assertThat(out.toString())
                .contains("aws/us-east-1  gcp/us-east4   1.62 ms  measured")
                .contains("ready after 41m")
                .contains("repaired: aws    create  " + id + "-subnet-aws-c [missing]", "repaired: aws    update  " + id + "-firewall-aws [ingress]",
                        "repaired: aws    create  " + id + "-vpn-tunnel-aws-azure [missing]", "repaired: azure  create  " + id + "-instance-azure-0 [missing]")
                .contains("gcp    workers 2 -> 3", "azure  workers 2 -> 1")
                .contains("destroy-cluster")
                .doesNotContain("\033[");
        assertThat(err.toString()).doesNotContain("DEMO FAILED");
    }

    @Test
    void demo_shouldExitNonZeroLoudly_whenAStepDiverges() {
        int status = run("--fail", "aws:RunInstances:InstanceLimitExceeded");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("DEMO FAILED: create-cluster ended FAILED", "InstanceLimitExceeded");
        assertThat(out.toString()).doesNotContain("accounts identical to before");
    }

    @Test
    void demo_shouldRefuseAMalformedFailure_beforeStartingAnything() {
        int status = run("--fail", "aws:RunInstances");

        assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--fail: expected FRONT:ACTION:CODE");
        assertThat(out.toString()).isEmpty();
    }
}
