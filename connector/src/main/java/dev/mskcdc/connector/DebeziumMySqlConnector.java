package dev.mskcdc.connector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnector;
import io.debezium.relational.RelationalDatabaseConnectorConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;

import dev.mskcdc.connector.rotation.CredentialsVersion;
import dev.mskcdc.connector.validation.ConnectionErrorCause;

/**
 * Debezium's MySQL connector, unchanged but for four things: its task is restarted after the database credentials
 * are rotated ({@link CredentialsVersion}), a task start that fails on a connection error is retried
 * ({@link DebeziumMySqlConnectorTask}), a failed connection test keeps its cause ({@link ConnectionErrorCause}), and
 * validation answers for every key it defines.
 *
 * <p>Debezium's {@code validate()} returns values only for the keys it checks, while Kafka Connect
 * ({@code AbstractHerder.maybeAddConfigErrors}, KAFKA-20693) assumes a value for every key of
 * {@code config()} when it builds the message for a configuration that has errors. So a valid
 * configuration is not affected, but as soon as validation finds an error, such as a wrong database
 * password, creating the connector fails with HTTP 500 and a NullPointerException that hides that
 * error. No Connect release up to at least 4.1 has the fix (the upstream pull requests are not in any
 * 3.x release). Filling in the missing keys (with no errors of their own) lets Connect answer 400 with
 * Debezium's message.
 */
public class DebeziumMySqlConnector extends MySqlConnector {

    private CredentialsVersion credentialsVersion;

    @Override
    public void start(Map<String, String> props) {
        credentialsVersion = CredentialsVersion.from(props);
        super.start(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DebeziumMySqlConnectorTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return credentialsVersion.addTo(super.taskConfigs(maxTasks));
    }

    @Override
    public ConfigDef config() {
        return CredentialsVersion.define(super.config());
    }

    @Override
    protected void validateConnection(Map<String, ConfigValue> configValues, Configuration config) {
        super.validateConnection(configValues, config);
        ConnectionErrorCause.restore(
                configValues,
                RelationalDatabaseConnectorConfig.HOSTNAME.name(),
                () -> createConnection(config, createConnectorConfig(config)));
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config validated = super.validate(connectorConfigs);
        List<ConfigValue> values = new ArrayList<>(validated.configValues());
        Set<String> answered = new HashSet<>();
        values.forEach(value -> answered.add(value.name()));
        config().configKeys().keySet().stream()
                .filter(key -> !answered.contains(key))
                .forEach(key -> values.add(new ConfigValue(key)));
        return new Config(values);
    }
}
