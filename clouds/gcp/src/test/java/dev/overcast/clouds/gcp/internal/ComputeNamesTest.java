package dev.overcast.clouds.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComputeNamesTest {
    private static final Pattern COMPUTE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final String FORTY = "a-cluster-name-as-long-as-a-spec-allows0";

    @Test
    void fit_shouldKeepAName_thatFits() {
        assertThat(ComputeNames.fit("demo-vpn-tunnel-gcp-aws-1-peer")).isEqualTo("demo-vpn-tunnel-gcp-aws-1-peer");
        String exactly63 = "a".repeat(ComputeNames.MAX_LENGTH);
        assertThat(ComputeNames.fit(exactly63)).isEqualTo(exactly63);
    }

    @Test
    void fit_shouldShortenALongName_toAValidStableDistinctComputeName() {
        String peer = FORTY + "-vpn-tunnel-gcp-azure-1-1-peer";
        String otherPeer = FORTY + "-vpn-tunnel-gcp-azure-1-0-peer";

        String fitted = ComputeNames.fit(peer);

        assertThat(fitted).hasSize(ComputeNames.MAX_LENGTH).matches(COMPUTE_NAME).startsWith(FORTY);
        assertThat(ComputeNames.fit(peer)).isEqualTo(fitted);
        assertThat(ComputeNames.fit(otherPeer)).isNotEqualTo(fitted);
    }
}
