package dev.overcast.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChaosCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--runs=0                  | --runs: must be at least 1, was 0",
        "--fault-rate=1.5          | --fault-rate: must be within [0, 1], was 1.5",
        "--clouds=aws,mars         | --clouds: unknown cloud 'mars', expected aws, gcp or azure",
        "--parallel=0              | --parallel: must be at least 1, was 0"})
    void chaos_shouldRefuseBadOptionsNamingThem_beforeStartingAnything(String option, String message) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ChaosCommand()).setErr(new PrintWriter(err));

        int exit = commandLine.execute(option);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void tally_shouldCountAQuotaRefusalApart_asNeitherConvergedNorFailed() {
        ChaosOutcome clean = new ChaosOutcome("chaos-1", List.of(), List.of(), List.of(), 0);
        ChaosOutcome refused = ChaosOutcome.refusedAtAdmission("chaos-2", "quota: gcp us-east1 quota VPN_TUNNELS: needs 24, limit 20");

        ChaosTally tally = ChaosTally.of(List.of(clean, refused), 0);

        assertThat(tally.line()).isEqualTo("runs=2 converged=1 refused=1 duplicates=0 leaked=0 lost_changes=0");
        assertThat(tally.clean()).isTrue();
    }

    @Test
    void tally_shouldCountEveryRun_andBeCleanOnlyWhenEveryCountIsRight() {
        ChaosOutcome clean = new ChaosOutcome("chaos-1", List.of(), List.of(), List.of(), 0);
        ChaosOutcome duplicated = new ChaosOutcome("chaos-2", List.of(), List.of("aws vpc chaos-2-network-aws x2"), List.of(), 0);
        ChaosOutcome stuck = new ChaosOutcome("chaos-3", List.of("create-cluster TIMED_OUT"), List.of(), List.of(), 1);

        assertThat(ChaosTally.of(List.of(clean, clean), 0).line()).isEqualTo("runs=2 converged=2 refused=0 duplicates=0 leaked=0 lost_changes=0");
        assertThat(ChaosTally.of(List.of(clean, clean), 0).clean()).isTrue();
        ChaosTally bad = ChaosTally.of(List.of(clean, duplicated, stuck), 3);
        assertThat(bad.line()).isEqualTo("runs=3 converged=2 refused=0 duplicates=1 leaked=3 lost_changes=1");
        assertThat(bad.clean()).isFalse();
    }
}
