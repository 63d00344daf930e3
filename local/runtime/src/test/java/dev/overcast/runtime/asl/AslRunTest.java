package dev.overcast.runtime.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AslRunTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new AslRun()).setExpandAtFiles(false);
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void run_shouldPrintOutputAndExit0_whenExecutionSucceeds() throws IOException {
        Path definition = file("hello.asl.json", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "Next": "P"},
                  "P": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.name)"}, "End": true}}}""");
        Path input = file("input.json", "{\"name\": \"world\"}");

        int code = run(definition.toString(), "--input", "@" + input);

        assertThat(code).isZero();
        assertThat(out.toString().trim()).isEqualTo("{\"status\":\"SUCCEEDED\",\"output\":{\"greeting\":\"hello world\"}}");
    }

    @Test
    void run_shouldPrintErrorAndExit1_whenExecutionFails() throws IOException {
        Path definition = file("fail.asl.json", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "QuotaExceeded", "Cause": "no vCPUs"}}}""");

        int code = run(definition.toString(), "--input", "{}");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().trim())
                .isEqualTo("{\"status\":\"FAILED\",\"error\":\"QuotaExceeded\",\"cause\":\"no vCPUs\"}");
    }

    @Test
    void run_shouldListProblemsAndExit2_whenDefinitionIsInvalid() throws IOException {
        Path definition = file("bad.asl.json", """
                {"StartAt": "Missing", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""");

        int code = run(definition.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'StartAt' names 'Missing'").contains("transition to 'Nowhere'");
        assertThat(out.toString()).isEmpty();
    }
}
