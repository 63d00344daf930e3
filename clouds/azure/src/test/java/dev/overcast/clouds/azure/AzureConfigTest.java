package dev.overcast.clouds.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AzureConfigTest {

    private static final String TENANT = "72f988bf-0000-4000-8000-000000000001";
    private static final String SUBSCRIPTION = "00000000-0000-4000-8000-00000000c10d";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void endpoint_shouldBeRefused_whenPlainHttp_becauseTheSdkNeverSendsATokenThere() {
        AzureConfig config = AzureConfig.of(TENANT, SUBSCRIPTION, new AzureCredentials.StaticToken("t"));

        assertThatThrownBy(() -> config.withEndpoint(URI.create("http://127.0.0.1:4569/"), PEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint must be an https URI");
    }

    @Test
    void config_shouldNameTheField_whenAnIdIsNotAGuid() {
        assertThatThrownBy(() -> AzureConfig.of("my-tenant", SUBSCRIPTION, new AzureCredentials.StaticToken("t")))
                .hasMessageContaining("tenantId must be a GUID");
        assertThatThrownBy(() -> new AzureCredentials.ServicePrincipal("app", "ref")).hasMessageContaining("clientId must be a GUID");
    }

    @Test
    void staticToken_shouldNeverPrintTheToken() {
        assertThat(new AzureCredentials.StaticToken("secret-token").toString()).doesNotContain("secret-token");
    }
}
