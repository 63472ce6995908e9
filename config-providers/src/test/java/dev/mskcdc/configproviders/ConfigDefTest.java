package dev.mskcdc.configproviders;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.s3.S3FileConfigProvider;
import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;
import dev.mskcdc.configproviders.ssm.SsmParameterConfigProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Every setting is documented, grouped, and (unless boolean or password) validated. */
class ConfigDefTest {

    @Test
    void everyKeyHasDocumentationGroupAndValidator() {
        for (ConfigDef def : List.of(
                SecretsManagerConfigProvider.CONFIG_DEF,
                SsmParameterConfigProvider.CONFIG_DEF,
                S3FileConfigProvider.CONFIG_DEF)) {
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                assertThat(key.documentation).as(key.name).isNotBlank();
                assertThat(key.group).as(key.name).isNotBlank();
                assertThat(key.importance).as(key.name).isNotNull();
                if (key.type != ConfigDef.Type.BOOLEAN && key.type != ConfigDef.Type.PASSWORD) {
                    assertThat(key.validator).as(key.name).isNotNull();
                }
                assertThat(key.name).as("short, dotted, lower-case").matches("[a-z0-9]+(\\.[a-z0-9]+)*");
            }
        }
    }

    @Test
    void localStackParamNamesExist() {
        assertThat(SecretsManagerConfigProvider.CONFIG_DEF.names()).contains("region", "endpoint");
    }
}
