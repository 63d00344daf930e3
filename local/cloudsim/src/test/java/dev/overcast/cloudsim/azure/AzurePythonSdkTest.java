package dev.overcast.cloudsim.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.wire.WireCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft's Python management SDKs (Debian's {@code python3-azure}: azure-mgmt-resource, -network,
 * -compute on azure-core) against the ARM front, through their long-running-operation pollers: a
 * create–read–list–update–delete sequence with error cases for every kind Overcast uses
 * ({@code azure-python/arm_crud.py}). The virtual clock moves while the script runs, so its pollers see
 * operations finish.
 */
class AzurePythonSdkTest {

    /** Debian's interpreter: the package installs there, not into another python on the PATH. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SUBSCRIPTION = "00000000-0000-4000-8000-0000000000aa";

    @Test
    void pythonSdk_shouldCreateReadListUpdateAndDeleteEveryKind(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(sdkPresent(), "python3-azure not installed: " + PYTHON
                + " cannot import azure.mgmt.network (apt-get install python3-azure)");
        Path script = dir.resolve("arm_crud.py");
        try (InputStream in = getClass().getResourceAsStream("/azure-python/arm_crud.py")) {
            Files.copy(in, script);
        }
        int wireMark = WireCheck.mark();
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withEventualConsistency(false))) {
            Path ca = Files.writeString(dir.resolve("cloudsim-ca.pem"), sim.azureTrust().pem());
            Process python = new ProcessBuilder(PYTHON, script.toString(), sim.azureEndpoint().toString(), ca.toString(), SUBSCRIPTION)
                    .redirectErrorStream(true).start();
            python.getOutputStream().close();
            // Ten virtual minutes per tenth of a second: a 38-minute gateway is ready after a few polls.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (python.isAlive() && System.nanoTime() < deadline) {
                sim.world().advance(Duration.ofMinutes(10));
                python.waitFor(100, TimeUnit.MILLISECONDS);
            }
            if (python.isAlive()) {
                python.destroyForcibly();
            }
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = output.lines().toList();

            assertThat(python.waitFor(10, TimeUnit.SECONDS)).as("the script finished within its deadline:\n" + output).isTrue();
            assertThat(lines).as(output).noneMatch(line -> line.startsWith("FAIL"));
            assertThat(lines.stream().filter(line -> line.startsWith("ok ")).count()).as(output).isGreaterThanOrEqualTo(50);
            assertThat(python.exitValue()).as(output).isZero();
        }
        WireCheck.assertNoDeviationsSince(wireMark);
    }

    private static boolean sdkPresent() {
        try {
            Process process = new ProcessBuilder(PYTHON, "-c", "import azure.mgmt.network, azure.mgmt.compute, azure.mgmt.resource")
                    .redirectErrorStream(true).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
