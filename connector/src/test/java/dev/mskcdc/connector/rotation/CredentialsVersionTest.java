package dev.mskcdc.connector.rotation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import dev.mskcdc.connector.DebeziumMySqlConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsVersionTest {

    private static final Map<String, String> CONNECTOR = Map.of(
            "database.hostname",
            "db.internal",
            "database.password",
            "s3cret-Pa55",
            CredentialsVersion.CREDENTIALS_VERSION,
            "a1b2c3d4-version-2");

    @Test
    void theConnectorsTaskConfigurationCarriesTheResolvedVersionSoARotationChangesIt() {
        List<Map<String, String>> tasks = startedWith("a1b2c3d4-version-2").taskConfigs(1);

        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0))
                .containsEntry(
                        CredentialsVersion.TASK_CREDENTIALS_VERSION,
                        CredentialsVersion.fingerprint("a1b2c3d4-version-2"))
                .containsEntry("database.hostname", "db.internal");

        assertThat(startedWith("e5f6-version-3").taskConfigs(1)).isNotEqualTo(tasks);
    }

    @Test
    void onlyAFingerprintReachesTheTaskConfigurationEvenOfAWholeSecretReferencedByMistake() {
        DebeziumMySqlConnector connector = startedWith("{\"username\":\"cdc\",\"password\":\"s3cret-Pa55\"}");

        String stored = connector.taskConfigs(1).get(0).get(CredentialsVersion.TASK_CREDENTIALS_VERSION);

        assertThat(stored).matches("[0-9a-f]{64}").doesNotContain("s3cret");
    }

    @Test
    void withoutAVersionTheTaskConfigurationIsDebeziumsOwn() {
        Map<String, String> unset = withVersion(null);

        assertThat(startedWith(null).taskConfigs(1)).containsExactly(unset);
    }

    @Test
    void aVersionThatIsThePasswordIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> startedWith("s3cret-Pa55"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mskcdc.credentials.version resolves to the value of database.password")
                .hasMessageContaining("@VersionId")
                .hasMessageNotContaining("s3cret-Pa55");
    }

    @Test
    void theSettingIsDocumentedInTheConnectorsConfigDef() {
        assertThat(new DebeziumMySqlConnector().config().configKeys())
                .containsKey(CredentialsVersion.CREDENTIALS_VERSION)
                .containsKey("database.hostname");
    }

    /** A connector started with {@link #CONNECTOR}'s settings and {@code version} as the credentials version. */
    private static DebeziumMySqlConnector startedWith(String version) {
        DebeziumMySqlConnector connector = new DebeziumMySqlConnector();
        connector.start(withVersion(version));
        return connector;
    }

    /** {@link #CONNECTOR} with {@code version} as the credentials version, or without one for null. */
    private static Map<String, String> withVersion(String version) {
        Map<String, String> settings = new HashMap<>(CONNECTOR);
        if (version == null) {
            settings.remove(CredentialsVersion.CREDENTIALS_VERSION);
        } else {
            settings.put(CredentialsVersion.CREDENTIALS_VERSION, version);
        }
        return settings;
    }
}
