package dev.overcast.runtime.cloudsim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CloudSimCommandTest {

    private static CloudSimCommand parsed(String... args) {
        CloudSimCommand command = new CloudSimCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void start_shouldPrintOneLinePerFront_onTheChosenPorts() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
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
