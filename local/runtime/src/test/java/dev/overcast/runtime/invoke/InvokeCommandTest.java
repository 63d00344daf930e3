package dev.overcast.runtime.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InvokeCommandTest {
    private static final Path EVENTS = Path.of("../../events").toAbsolutePath().normalize();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new InvokeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void invoke_shouldPrintTheFunctionsResult_forItsSampleEvent() {
        int status = run("acquire-lock", "--event", EVENTS.resolve("acquire-lock/create.json").toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"clusterId\" : \"demo\"", "\"token\" : 1");
    }

    @Test
    void invoke_shouldPrintLambdasErrorAndExitOne_whenTheFunctionFails(@TempDir Path dir) throws Exception {
        Path event = Files.writeString(dir.resolve("no-cluster.json"), "{\"owner\": \"me\", \"purpose\": \"create\"}");

        int status = run("acquireLock", "--event", event.toString());

        assertThat(status).isEqualTo(InvokeCommand.FUNCTION_FAILED);
        assertThat(out.toString()).contains("\"errorType\" : \"dev.overcast.functions.RequestRefused\"", "clusterId");
    }

    @Test
    void invoke_shouldNameEveryFunction_whenTheFunctionIsUnknown() {
        int status = run("noSuchFunction", "--event", EVENTS.resolve("acquire-lock/create.json").toString());

        assertThat(status).isEqualTo(InvokeCommand.BAD_REQUEST);
        assertThat(err.toString()).contains("no function 'noSuchFunction'", "acquireLock", "convergeCloud");
    }

    @Test
    void invoke_shouldSayWhatIsWrong_whenTheEventIsNotJson(@TempDir Path dir) throws Exception {
        Path event = Files.writeString(dir.resolve("bad.json"), "{\"clusterId\": ");

        int status = run("acquireLock", "--event", event.toString());

        assertThat(status).isEqualTo(InvokeCommand.BAD_REQUEST);
        assertThat(err.toString()).contains("--event " + event, "not valid JSON");
        assertThat(out.toString()).isEmpty();
    }
}
