package dev.overcast.runtime.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code ./overcast up} (in-process) opens no listening socket beyond loopback, read from the operating
 * system's socket table rather than from what the code says it binds: every TCP socket in LISTEN state
 * ({@code /proc/net/tcp}, {@code tcp6}) whose inode is one of this process's file descriptors.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(300)
class LoopbackListenersTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    /** {@code /proc/net/tcp*}'s state column for LISTEN. */
    private static final String LISTEN = "0A";
    /** 127.0.0.1, ::1 and ::ffff:127.0.0.1 as the kernel prints them (little-endian words). */
    private static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
            "0000000000000000FFFF00000100007F");
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");

    private record Listener(String table, String address, int port, String inode) {
    }

    @Test
    void up_shouldListenOnLoopbackOnly() {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(REPOSITORY).withPort(0))) {
            Set<String> ours = socketInodes();
            List<Listener> listeners = new ArrayList<>();
            for (String table : List.of("tcp", "tcp6")) {
                listeners.addAll(listening(Path.of("/proc/self/net", table), table).stream()
                        .filter(listener -> ours.contains(listener.inode())).toList());
            }

            // The API, Step Functions, DynamoDB Local, the three cloud fronts and cloudsim's control endpoint at least.
            assertThat(listeners).hasSizeGreaterThanOrEqualTo(7);
            assertThat(listeners).extracting(Listener::port).contains(runtime.api().getPort(), runtime.stepFunctions().getPort(),
                    runtime.world().dynamoDbEndpoint().getPort());
            assertThat(listeners).allSatisfy(listener ->
                    assertThat(LOOPBACK).as("%s listens on %s", listener, listener.address()).contains(listener.address()));
        }
    }

    private static Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(socket.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // A descriptor closed between the listing and the read is no listener of ours.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /** Rows look like {@code 0: 0100007F:1F90 00000000:0000 0A ... uid timeout inode ...}. */
    private static List<Listener> listening(Path file, String table) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Listener> listeners = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.trim().split("\\s+");
            if (columns[3].equals(LISTEN)) {
                String[] local = columns[1].split(":");
                listeners.add(new Listener(table, local[0], Integer.parseInt(local[1], 16), columns[9]));
            }
        }
        return listeners;
    }
}
