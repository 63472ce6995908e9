package dev.mskcdc.connector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.debezium.connector.mysql.MySqlConnector;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Debezium's MySQL connector, unchanged but for one thing: validation answers for every key it defines.
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
