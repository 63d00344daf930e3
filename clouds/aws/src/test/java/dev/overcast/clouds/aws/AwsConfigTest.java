package dev.overcast.clouds.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AwsConfigTest {

    @Test
    void assumeRole_shouldNameTheField_whenTheRoleArnIsMalformed() {
        assertThatThrownBy(() -> new AwsCredentials.AssumeRole("role/overcast", "tenant-42", "overcast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roleArn")
                .hasMessageContaining("role/overcast");
    }

    @Test
    void assumeRole_shouldAccept_aRoleInTheCustomersAccountWithAnExternalId() {
        AwsCredentials.AssumeRole role = new AwsCredentials.AssumeRole(
                "arn:aws:iam::210987654321:role/OvercastProvisioner", "tenant-42", "overcast-reconcile");

        assertThat(AwsConfig.of(role).credentials()).isEqualTo(role);
    }

    @Test
    void staticKeys_shouldNeverPrintTheSecret() {
        AwsCredentials.StaticKeys keys = new AwsCredentials.StaticKeys("123456789012", "very-secret-value");

        assertThat(keys.toString()).contains("123456789012").doesNotContain("very-secret-value");
    }

    @Test
    void config_shouldRefuse_anEndpointThatIsNotHttp() {
        AwsConfig config = AwsConfig.of(new AwsCredentials.StaticKeys("123456789012", "s"));

        assertThatThrownBy(() -> config.withEndpoint(URI.create("ftp://127.0.0.1:21")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void config_shouldRefuse_unboundedRetries() {
        AwsConfig config = AwsConfig.of(new AwsCredentials.StaticKeys("123456789012", "s"));

        assertThatThrownBy(() -> config.withMaxAttempts(50)).hasMessageContaining("maxAttempts");
    }
}
