package dev.mskcdc.localstack.signals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.process.LocalStackException;

/**
 * The reference config's two Debezium signal channels on the local stack, and the kit's "add a table"
 * step. {@link #prepare} creates what the user creates on AWS: the signal table (source channel, where
 * incremental snapshots write their watermarks) with INSERT for the connector user, and the signal topic
 * with one partition (Kafka channel). {@link #addTables} is {@code msk-deploy add-table} against a local
 * worker: the connector's {@code table.include.list} grows in place, then an {@code execute-snapshot}
 * signal names only the new tables, keyed by {@code topic.prefix}.
 */
public final class SignalChannel {

    /** The signal table each local connector config names, in the first database of its include list. */
    public static final String TABLE = "debezium_signal";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalChannel() {}

    /** {@code <first database of the include list>.debezium_signal}. */
    public static String dataCollectionFor(String databaseIncludeList) {
        String database = databaseIncludeList.split(",")[0].strip();
        if (!PLAIN_NAME.matcher(database).matches()) {
            throw new LocalStackException("The local stack puts the signal table into the first database of"
                    + " database.include.list, which must then be a plain name, not '" + database + "'.");
        }
        return database + "." + TABLE;
    }

    /** Creates the signal table (and its database), lets {@code connectorUser} INSERT into it, and creates the topic. */
    public static void prepare(
            Database database, Admin kafka, String dataCollection, String topic, String connectorUser) {
        String schema = dataCollection.substring(0, dataCollection.indexOf('.'));
        database.execute(
                "CREATE DATABASE IF NOT EXISTS " + schema,
                "CREATE TABLE IF NOT EXISTS " + dataCollection
                        + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data TEXT)",
                "GRANT INSERT ON " + dataCollection + " TO '" + connectorUser + "'@'%'");
        try {
            kafka.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LocalStackException(
                        "Cannot create the signal topic " + topic + ": "
                                + e.getCause().getMessage(),
                        e);
            }
        } catch (Exception e) {
            throw new LocalStackException("Cannot create the signal topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds {@code tables} ({@code database.table}) to the running connector's {@code table.include.list}
     * and asks Debezium to snapshot only them, incrementally, through the Kafka signal channel. Returns the
     * updated configuration.
     */
    public static Map<String, String> addTables(
            ConnectRestClient rest, String bootstrapServers, String connector, List<String> tables, Duration timeout) {
        Map<String, String> config = new LinkedHashMap<>();
        rest.config(connector)
                .fields()
                .forEachRemaining(
                        entry -> config.put(entry.getKey(), entry.getValue().asText()));
        config.put("table.include.list", withTables(config.get("table.include.list"), tables));
        // Right after a PUT the status may still show the OLD task RUNNING; a signal that task consumes is
        // checked against the old include list and dropped. Stopped first, the connector has no task at all,
        // so RUNNING after the resume is the new task's, with the new list (MSK: DescribeConnectorOperation).
        rest.stopConnector(connector);
        rest.awaitState(connector, "STOPPED", timeout);
        rest.putConnector(connector, config);
        rest.resumeConnector(connector);
        rest.awaitRunning(connector, timeout);
        String topic = Optional.ofNullable(config.get("signal.kafka.topic"))
                .orElseThrow(() -> new LocalStackException("Connector " + connector + " has no signal.kafka.topic:"
                        + " the reference config's Kafka signal channel is needed to snapshot added tables."));
        send(bootstrapServers, topic, config.get("topic.prefix"), executeSnapshot(tables));
        return config;
    }

    /** The include list with each table appended as an exact (quoted) regular expression, unless already there. */
    static String withTables(String includeList, List<String> tables) {
        StringBuilder list = new StringBuilder(includeList == null ? "" : includeList.strip());
        Set<String> present = Set.of(list.toString().split("\\s*,\\s*"));
        for (String table : tables) {
            String entry = table.replace(".", "\\.");
            if (!present.contains(entry) && !present.contains(table)) {
                list.append(list.length() == 0 ? "" : ",").append(entry);
            }
        }
        return list.toString();
    }

    /** Debezium's execute-snapshot signal: an incremental snapshot of exactly these tables. */
    static String executeSnapshot(List<String> tables) {
        ObjectNode signal = JSON.createObjectNode();
        signal.put("id", UUID.randomUUID().toString());
        signal.put("type", "execute-snapshot");
        ObjectNode data = signal.putObject("data");
        tables.forEach(data.putArray("data-collections")::add);
        data.put("type", "incremental");
        return signal.toString();
    }

    private static void send(String bootstrapServers, String topic, String key, String value) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LocalStackException("Cannot send the signal to " + topic + ": " + e.getMessage(), e);
        }
    }
}
