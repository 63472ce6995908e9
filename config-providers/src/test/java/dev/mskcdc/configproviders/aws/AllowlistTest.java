package dev.mskcdc.configproviders.aws;

import java.util.List;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowlistTest {

    @Test
    void emptyAllowsEverything() {
        assertThat(new Allowlist(List.of()).allows("anything")).isTrue();
        assertThat(new Allowlist(List.of(" ")).allows("anything")).isTrue();
    }

    @Test
    void starMatchesAnyCharactersAndOtherCharactersAreLiteral() {
        Allowlist allowlist =
                new Allowlist(List.of("prod/db-*", "arn:aws:secretsmanager:*:123456789012:secret:prod/*"));
        assertThat(allowlist.allows("prod/db-orders")).isTrue();
        assertThat(allowlist.allows("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC"))
                .isTrue();
        assertThat(allowlist.allows("prod/dbx")).isFalse();
        assertThat(allowlist.allows("staging/prod/db-orders")).isFalse();
        assertThat(allowlist.allows("arn:aws:secretsmanager:eu-west-1:999999999999:secret:prod/db"))
                .isFalse();
        assertThat(new Allowlist(List.of("a.b")).allows("axb")).isFalse();
    }

    @Test
    void rejectionNamesTheSettingAndTheFix() {
        assertThatThrownBy(() -> new Allowlist(List.of("prod/*")).check("admin/root", "Secrets Manager"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'admin/root' is not in this provider's 'allowlist' [prod/*]")
                .hasMessageContaining("config.providers.<name>.param.allowlist");
    }
}
