package dev.mskcdc.connector.rotation;

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
        DebeziumMySqlConnector connector = new DebeziumMySqlConnector();
        connector.start(CONNECTOR);

        List<Map<String, String>> tasks = connector.taskConfigs(1);

        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0))
                .containsEntry(
                        CredentialsVersion.TASK_CREDENTIALS_VERSION,
                        CredentialsVersion.fingerprint("a1b2c3d4-version-2"))
                .containsEntry("database.hostname", "db.internal");

        DebeziumMySqlConnector rotated = new DebeziumMySqlConnector();
        Map<String, String> afterRotation = new java.util.HashMap<>(CONNECTOR);
        afterRotation.put(CredentialsVersion.CREDENTIALS_VERSION, "e5f6-version-3");
        rotated.start(afterRotation);
        assertThat(rotated.taskConfigs(1)).isNotEqualTo(tasks);
    }

    @Test
    void onlyAFingerprintReachesTheTaskConfigurationEvenOfAWholeSecretReferencedByMistake() {
        Map<String, String> wholeSecret = new java.util.HashMap<>(CONNECTOR);
        wholeSecret.put(CredentialsVersion.CREDENTIALS_VERSION, "{\"username\":\"cdc\",\"password\":\"s3cret-Pa55\"}");
        DebeziumMySqlConnector connector = new DebeziumMySqlConnector();
        connector.start(wholeSecret);

        String stored = connector.taskConfigs(1).get(0).get(CredentialsVersion.TASK_CREDENTIALS_VERSION);

        assertThat(stored).matches("[0-9a-f]{64}").doesNotContain("s3cret");
    }

    @Test
    void withoutAVersionTheTaskConfigurationIsDebeziumsOwn() {
        Map<String, String> unset = new java.util.HashMap<>(CONNECTOR);
        unset.remove(CredentialsVersion.CREDENTIALS_VERSION);
        DebeziumMySqlConnector connector = new DebeziumMySqlConnector();
        connector.start(unset);

        assertThat(connector.taskConfigs(1)).containsExactly(unset);
    }

    @Test
    void aVersionThatIsThePasswordIsRefusedWithoutShowingIt() {
        Map<String, String> mistaken = new java.util.HashMap<>(CONNECTOR);
        mistaken.put(CredentialsVersion.CREDENTIALS_VERSION, "s3cret-Pa55");

        assertThatThrownBy(() -> new DebeziumMySqlConnector().start(mistaken))
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
}
