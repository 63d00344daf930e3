package dev.overcast.clouds.gcp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GcpConfigTest {

    @Test
    void config_shouldRefuseBadInput_namingTheField() {
        assertThatThrownBy(() -> GcpConfig.of("Bad_Project", new GcpCredentials.None()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project");
        assertThatThrownBy(() -> GcpConfig.of("overcast-local", new GcpCredentials.None()).withEndpoint(URI.create("ftp://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> GcpConfig.of("overcast-local", new GcpCredentials.None()).withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new GcpCredentials.WorkloadIdentityFederation("{\"type\": \"service_account\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("external_account");
        assertThatThrownBy(() -> new GcpCredentials.ServiceAccountKey(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyReference");
    }

    @Test
    void adapter_shouldRefuseAServiceAccountKeyThatIsNotGoogleCredentials_withoutEchoingIt() {
        GcpConfig config = GcpConfig.of("overcast-local", new GcpCredentials.ServiceAccountKey("gcp/key"));

        assertThatThrownBy(() -> new GcpAdapter(config, reference -> "{\"private_key\": \"secret-value\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ServiceAccountKey")
                .hasMessageNotContaining("secret-value");
    }
}
