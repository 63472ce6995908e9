package dev.mskcdc.configproviders.aws;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.s3.S3FileConfigProvider;
import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;
import dev.mskcdc.configproviders.ssm.SsmParameterConfigProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertyAliasesTest {

    @Test
    void jcustenborderNamesMapToOurs() {
        Map<String, Object> normalized = PropertyAliases.normalize(
                Map.of(
                        "aws.region", "eu-west-1",
                        "aws.endpoint.url", "http://localhost:4566",
                        "aws.access.key", "AKID",
                        "aws.secret.key", "secret",
                        "secret.prefix", "staging/",
                        "secret.ttl.ms", "60000"),
                SecretsManagerConfigProvider.CONFIG_DEF);

        assertThat(normalized)
                .containsOnly(
                        Map.entry("region", "eu-west-1"),
                        Map.entry("endpoint", "http://localhost:4566"),
                        Map.entry("access.key.id", "AKID"),
                        Map.entry("secret.access.key", "secret"),
                        Map.entry("name.prefix", "staging/"),
                        Map.entry("cache.ttl.ms", "60000"));
    }

    @Test
    void awsSamplesNamesMapToOurs() {
        assertThat(PropertyAliases.normalize(
                        Map.of("region", "us-west-2", "RawSecretEncoding", "base64", "NotFoundStrategy", "fail"),
                        SecretsManagerConfigProvider.CONFIG_DEF))
                .containsOnly(Map.entry("region", "us-west-2"), Map.entry("whole.secret.encoding", "base64"));
        assertThat(PropertyAliases.normalize(Map.of("local_dir", "/tmp/x"), S3FileConfigProvider.CONFIG_DEF))
                .containsOnly(Map.entry("download.dir", "/tmp/x"));
    }

    @Test
    void aliasOfASettingTheProviderDoesNotHaveIsLeftAlone() {
        assertThat(PropertyAliases.normalize(Map.of("local_dir", "/tmp/x"), SsmParameterConfigProvider.CONFIG_DEF))
                .containsOnly(Map.entry("local_dir", "/tmp/x"));
    }

    @Test
    void aliasAndOurNameWithDifferentValuesIsAnError() {
        assertThatThrownBy(() -> PropertyAliases.normalize(
                        Map.of("aws.region", "eu-west-1", "region", "us-east-1"),
                        SecretsManagerConfigProvider.CONFIG_DEF))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'aws.region' is an alias of 'region'");
    }

    @Test
    void ignoreNotFoundStrategyIsRejected() {
        assertThatThrownBy(() -> PropertyAliases.normalize(
                        Map.of("NotFoundStrategy", "ignore"), SsmParameterConfigProvider.CONFIG_DEF))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("never an empty string");
    }

    @Test
    void everyAliasTargetExistsInSomeProvider() {
        for (String target : PropertyAliases.ALIASES.values()) {
            assertThat(SecretsManagerConfigProvider.CONFIG_DEF.names().contains(target)
                            || S3FileConfigProvider.CONFIG_DEF.names().contains(target))
                    .as(target)
                    .isTrue();
        }
        assertThat(PropertyAliases.ORIGINS.keySet()).isEqualTo(PropertyAliases.ALIASES.keySet());
    }
}
