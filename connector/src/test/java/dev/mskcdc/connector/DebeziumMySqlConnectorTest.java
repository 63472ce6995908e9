package dev.mskcdc.connector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.debezium.connector.mysql.MySqlConnector;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DebeziumMySqlConnectorTest {

    @Test
    void validationAnswersForEveryKeyTheConnectorDefines() throws IOException {
        Map<String, String> config = unreachableDatabase();

        Config validated = new DebeziumMySqlConnector().validate(config);

        Set<String> answered =
                validated.configValues().stream().map(ConfigValue::name).collect(Collectors.toSet());
        assertThat(answered).containsAll(new DebeziumMySqlConnector().config().names());
    }

    @Test
    void keepsDebeziumsErrorsAndAddsTheCauseItDrops() throws IOException {
        Map<String, String> config = unreachableDatabase();

        List<String> ours = errors(new DebeziumMySqlConnector().validate(config));
        List<String> debeziums = errors(new MySqlConnector().validate(config));

        assertThat(debeziums).anyMatch(error -> error.endsWith("Failed to establish connection with the database: "));
        assertThat(ours).hasSameSizeAs(debeziums);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i)).startsWith(debeziums.get(i));
        }
        assertThat(ours).anyMatch(error -> error.contains("Communications link failure"));
    }

    @Test
    void debeziumAloneLeavesKeysUnanswered() throws IOException {
        // The reason the subclass exists: if Debezium ever answers for every key, it can go.
        Config validated = new MySqlConnector().validate(unreachableDatabase());

        Set<String> answered =
                validated.configValues().stream().map(ConfigValue::name).collect(Collectors.toSet());
        assertThat(new MySqlConnector().config().names()).isNotEmpty().anyMatch(key -> !answered.contains(key));
    }

    private static List<String> errors(Config validated) {
        return validated.configValues().stream()
                .flatMap(value -> value.errorMessages().stream())
                .toList();
    }

    /** A complete configuration whose database port refuses connections, so validation reports an error. */
    private static Map<String, String> unreachableDatabase() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        return Map.of(
                "connector.class", DebeziumMySqlConnector.class.getName(),
                "database.hostname", "127.0.0.1",
                "database.port", Integer.toString(closedPort),
                "database.user", "debezium",
                "database.password", "irrelevant",
                "database.server.id", "184054",
                "topic.prefix", "unit",
                "schema.history.internal.kafka.bootstrap.servers", "127.0.0.1:9",
                "schema.history.internal.kafka.topic", "unit.schema-history");
    }
}
