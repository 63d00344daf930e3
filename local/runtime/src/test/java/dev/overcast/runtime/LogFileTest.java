package dev.overcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.bridge.SLF4JBridgeHandler;

class LogFileTest {
    private static final Clock AT = Clock.fixed(Instant.parse("2026-12-03T22:35:07Z"), ZoneOffset.UTC);

    @TempDir
    Path run;

    @AfterEach
    void restoreLogging() throws JoranException {
        SLF4JBridgeHandler.uninstall();
        java.util.logging.LogManager.getLogManager().reset();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void divert_shouldMoveLibraryAndStepLinesFromTheTerminalToTheNamedFile() throws IOException {
        PrintStream stderr = System.err;
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        Path file;
        try {
            file = LogFile.divert(run, "chaos", AT);
            MDC.put("clusterId", "c1");
            LoggerFactory.getLogger("com.azure.core.http.policy.RetryPolicy").error("retry attempt 1 failed");
            MDC.clear();
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer").log(Level.WARNING, "received request");
            LoggerFactory.getLogger("overcast.metrics").info("{\"_aws\":{}}");
        } finally {
            System.setErr(stderr);
        }

        assertThat(file).isEqualTo(run.resolve("chaos-20261203-223507.log"));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(file)).contains("RetryPolicy", "clusterId=c1", "retry attempt 1 failed",
                "received request", "{\"_aws\":{}}");
    }
}
