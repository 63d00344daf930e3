package dev.overcast.runtime;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The log of a local command whose terminal output is the point (chaos, demo, bench...): every line
 * logback.xml would write to the terminal (the steps' lines with their correlation keys, the metrics
 * documents, the SDKs' retry warnings, and fabric8 MockWebServer's java.util.logging line per request)
 * goes to one file under the run directory instead, in the same readable form.
 */
final class LogFile {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String FILE_APPENDER = "FILE";
    /** logback.xml's appender of the readable lines. */
    private static final String TERMINAL_LINES = "LINES";

    private LogFile() {
    }

    /** Diverts logging to {@code <run>/<command>-<time>.log} and returns that file. */
    static Path divert(Path runDirectory, String command, Clock clock) {
        Path file = runDirectory.resolve(command + "-" + STAMP.format(clock.instant()) + ".log");
        try {
            Files.createDirectories(runDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + runDirectory, e);
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());
        appender.setEncoder(encoder(context, root));
        appender.start();
        for (Logger logger : context.getLoggerList()) {
            List<Appender<ILoggingEvent>> terminal = new ArrayList<>();
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                terminal.add(it.next());
            }
            if (!terminal.isEmpty()) {
                terminal.forEach(logger::detachAppender);
                logger.addAppender(appender);
            }
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return file;
    }

    /** The terminal's pattern (logback.xml's readable lines, with the correlation keys), for the file. */
    private static PatternLayoutEncoder encoder(LoggerContext context, Logger root) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        if (!(root.getAppender(TERMINAL_LINES) instanceof OutputStreamAppender<ILoggingEvent> lines
                && lines.getEncoder() instanceof PatternLayoutEncoder readable)) {
            throw new IllegalStateException("logback.xml has no readable appender " + TERMINAL_LINES + " on the root logger");
        }
        encoder.setPattern(readable.getPattern());
        encoder.start();
        return encoder;
    }
}
