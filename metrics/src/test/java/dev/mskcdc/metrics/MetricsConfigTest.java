package dev.mskcdc.metrics;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mskcdc.awsclient.AwsClientConfig;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsConfigTest {

    @Test
    void assumedRoleSessionsAreNamedForTheMetricsPublisher() {
        Map<String, String> settings = CloudWatchPublisherTest.settings("http://127.0.0.1:1", "shop");
        settings.put(AwsClientConfig.ROLE_ARN, "arn:aws:iam::123456789012:role/metrics-publisher");

        assertThat(new MetricsConfig(settings).aws().roleSessionName()).isEqualTo("mskcdc-metrics");
        assertThat(MetricsConfig.CONFIG_DEF.configKeys().get(AwsClientConfig.ROLE_SESSION_NAME).defaultValue)
                .isEqualTo(MetricsConfig.DEFAULT_SESSION_NAME);
    }

    @Test
    void clientSettingsAreReadFromTheTransformsOwnProperties() {
        MetricsConfig config = new MetricsConfig(CloudWatchPublisherTest.settings("http://127.0.0.1:4566", "shop"));

        assertThat(config.aws().region()).isEqualTo("us-east-1");
        assertThat(config.aws().endpoint()).isEqualTo("http://127.0.0.1:4566");
        assertThat(config.aws().maxAttempts()).isEqualTo(1);
        assertThat(config.topicPrefix()).isEqualTo("shop");
    }
}
