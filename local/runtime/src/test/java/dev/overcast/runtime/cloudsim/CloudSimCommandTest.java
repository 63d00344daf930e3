package dev.overcast.runtime.cloudsim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CloudSimCommandTest {

    private static CloudSimCommand parsed(String... args) {
        CloudSimCommand command = new CloudSimCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    /** cloudsim takes the chosen port and the three after it; an ephemeral port alone says nothing of its neighbours. */
    private static int fourFreePortsInARow() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket probe = new ServerSocket(0)) {
                first = probe.getLocalPort();
            }
            if (first + 3 <= 65535 && allFree(first, 4)) {
                return first;
            }
        }
        throw new IllegalStateException("no four consecutive free ports found on 127.0.0.1");
    }

    private static boolean allFree(int first, int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket that never served anything cannot lose data
                }
            }
        }
    }

    @Test
    void start_shouldPrintOneLinePerFront_onTheChosenPorts() throws Exception {
        int port = fourFreePortsInARow();
        StringWriter out = new StringWriter();

        try (CloudSim sim = parsed("--port", String.valueOf(port), "--clock-speed", "60").start(new PrintWriter(out))) {
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(5).startsWith(
                    "aws: http://127.0.0.1:" + port,
                    "gcp: http://127.0.0.1:" + (port + 2),
                    "azure: https://127.0.0.1:" + (port + 3) + "/");
            assertThat(lines.get(3)).startsWith("azure-certificate: ");
            assertThat(Files.readString(Path.of(lines.get(3).substring("azure-certificate: ".length()))))
                    .isEqualTo(sim.azureTrust().pem());
            assertThat(lines.get(4)).isEqualTo("control: http://127.0.0.1:" + (port + 1) + "/_cloudsim/");
            assertThat(sim.awsEndpoint().getPort()).isEqualTo(port);
            assertThat(sim.gcpEndpoint().getPort()).isEqualTo(port + 2);
        }
    }

    @Test
    void cloudsim_shouldRefuseANonPositiveClockSpeed_namingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new CloudSimCommand()).setErr(new PrintWriter(err));

        int exit = line.execute("--clock-speed", "0");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--clock-speed must be a positive number");
    }
}
