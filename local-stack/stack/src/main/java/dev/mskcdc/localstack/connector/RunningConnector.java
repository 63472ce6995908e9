package dev.mskcdc.localstack.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;

import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.kafka.KafkaBroker;
import dev.mskcdc.localstack.signals.SignalChannel;
import dev.mskcdc.localstack.signals.SignalProvisioning;

/**
 * One connector on a Connect worker, from registration to deletion. {@link #start} provisions what its configuration
 * names (signal table and topic), registers it, waits until it and its task run, opens a consumer on its topics and
 * (unless told otherwise) waits for the initial snapshot's last record, so every write after it is streamed.
 * {@link #close} deletes the connector and closes the consumer.
 */
public final class RunningConnector implements AutoCloseable {

    /** What {@link #start} waits for before it returns. */
    public enum Await {
        /** The initial snapshot's last record: tables must hold a row, or no snapshot record ever comes. */
        SNAPSHOT,
        /** The connector and its task RUNNING only (a connector that snapshots nothing, or one a test watches). */
        RUNNING
    }

    /** The stack's parts a connector needs. */
    public record Parts(ConnectRestClient rest, KafkaBroker kafka, Database database, String connectorUser) {}

    private final Parts parts;
    private final String name;
    private final Duration timeout;
    private final ChangeEventConsumer events;
    private Map<String, String> config;

    private RunningConnector(
            Parts parts, String name, Map<String, String> config, Duration timeout, ChangeEventConsumer events) {
        this.parts = parts;
        this.name = name;
        this.config = config;
        this.timeout = timeout;
        this.events = events;
    }

    /**
     * Provisions, registers and awaits {@code name} with {@code config}; its consumer reads {@code eventTopics} from
     * their beginning. Every wait is bounded by {@code timeout}; a failed start deletes the connector again.
     */
    public static RunningConnector start(
            Parts parts, String name, Map<String, String> config, Pattern eventTopics, Await await, Duration timeout) {
        try (Admin admin = parts.kafka().admin()) {
            SignalProvisioning.provision(parts.database(), admin, config, parts.connectorUser());
        }
        parts.rest().putConnector(name, config);
        ChangeEventConsumer events = null;
        try {
            parts.rest().awaitRunning(name, timeout);
            events = new ChangeEventConsumer(parts.kafka().bootstrapServers(), eventTopics);
            if (await == Await.SNAPSHOT) {
                events.awaitSnapshotCompleted(timeout);
            }
            return new RunningConnector(parts, name, Map.copyOf(config), timeout, events);
        } catch (RuntimeException e) {
            try {
                if (events != null) {
                    events.close();
                }
                parts.rest().deleteConnector(name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Every topic {@code <topicPrefix>.<database>.<table>}: the data topics, not the schema history. */
    public static Pattern dataTopics(String topicPrefix) {
        return Pattern.compile(Pattern.quote(topicPrefix + ".") + "(?!schema-history$).+");
    }

    /** The configuration the connector was last given (by {@link #start} or {@link #addTables}). */
    public Map<String, String> config() {
        return config;
    }

    /** The consumer on the connector's topics: everything received since the start, in arrival order. */
    public ChangeEventConsumer events() {
        return events;
    }

    public ConnectRestClient rest() {
        return parts.rest();
    }

    /** The connector's state as Connect reports it ({@code GET /connectors/<name>/status}). */
    public String state() {
        return parts.rest().status(name).path("connector").path("state").asText();
    }

    /**
     * {@code msk-deploy add-table} on this connector: {@code tables} ({@code database.table}) join
     * {@code table.include.list} (see {@link #config()}), then one execute-snapshot signal snapshots only them,
     * incrementally.
     */
    public void addTables(List<String> tables) {
        config = Map.copyOf(
                SignalChannel.addTables(parts.rest(), parts.kafka().bootstrapServers(), name, tables, timeout));
    }

    @Override
    public void close() {
        try {
            events.close();
        } finally {
            parts.rest().deleteConnector(name);
        }
    }
}
