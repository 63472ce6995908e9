package dev.mskcdc.awsclient;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientConfigTest {

    private static AwsClientConfig parse(String defaultSessionName, Map<String, ?> props) {
        return new AwsClientConfig(new AbstractConfig(AwsClientConfig.configDef(defaultSessionName), props, false));
    }

    @Test
    void eachUserNamesItsOwnStsSessionUnlessTheSettingIsGiven() {
        assertThat(parse("mskcdc-config-provider", Map.of()).roleSessionName()).isEqualTo("mskcdc-config-provider");
        assertThat(parse("mskcdc-metrics", Map.of()).roleSessionName()).isEqualTo("mskcdc-metrics");
        assertThat(parse("mskcdc-metrics", Map.of(AwsClientConfig.ROLE_SESSION_NAME, "cdc-worker"))
                        .roleSessionName())
                .isEqualTo("cdc-worker");
    }

    @Test
    void aDefaultSessionNameStsWouldRefuseFailsWhenTheConfigDefIsBuilt() {
        assertThatThrownBy(() -> AwsClientConfig.configDef("metrics publisher"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AwsClientConfig.ROLE_SESSION_NAME);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AwsClientConfig config = parse("mskcdc-test", Map.of());

        assertThat(config.region()).isEmpty();
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.maxAttempts()).isEqualTo(4);
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.retryBackoffMax()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.accessKeyId()).isEmpty();
        assertThat(config.secretAccessKey()).isNull();
        assertThat(config.roleArn()).isEmpty();
        assertThat(config.stsEndpoint()).isEmpty();
    }

    @Test
    void badValuesNameTheSettingAndTheExpectedForm() {
        assertThatThrownBy(() -> parse("mskcdc-test", Map.of(AwsClientConfig.REGION, "US East")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AwsClientConfig.REGION)
                .hasMessageContaining("us-east-1");
        assertThatThrownBy(() -> parse("mskcdc-test", Map.of(AwsClientConfig.ENDPOINT, "ftp://example.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AwsClientConfig.ENDPOINT)
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> parse("mskcdc-test", Map.of(AwsClientConfig.ROLE_ARN, "secret-reader")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AwsClientConfig.ROLE_ARN)
                .hasMessageContaining("arn:aws:iam::123456789012:role/");
    }

    @Test
    void textSettingsAreTrimmed() {
        AwsClientConfig config = parse(
                "mskcdc-test",
                Map.of(AwsClientConfig.REGION, " eu-west-1 ", AwsClientConfig.ENDPOINT, " http://127.0.0.1:4566 "));

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.endpoint()).isEqualTo("http://127.0.0.1:4566");
    }
}
