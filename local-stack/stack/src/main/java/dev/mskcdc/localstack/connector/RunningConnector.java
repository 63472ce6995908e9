package dev.mskcdc.localstack.connector;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.events.ChangeEventConsumer;

/**
 * A {@link RegisteredConnector} with a consumer on its topics. {@link #start} waits until the connector and its task
 * run, opens the consumer and (unless told otherwise) waits for the initial snapshot's last record, so every write
 * after it is streamed. {@link #close} closes the consumer and deletes the connector.
 */
public final class RunningConnector implements AutoCloseable {

    /** What {@link #start} waits for before it returns. */
    public enum Await {
        /** The initial snapshot's last record: tables must hold a row, or no snapshot record ever comes. */
        SNAPSHOT,
        /** The connector and its task RUNNING only (a connector that snapshots nothing, or one a test watches). */
        RUNNING
    }

    private final RegisteredConnector connector;
    private final ChangeEventConsumer events;

    private RunningConnector(RegisteredConnector connector, ChangeEventConsumer events) {
        this.connector = connector;
        this.events = events;
    }

    /**
     * Awaits {@code connector}, just registered, and opens its consumer on {@code eventTopics}, read from their
     * beginning. Every wait is bounded by the connector's timeout; a failed start deletes the connector again.
     */
    public static RunningConnector start(RegisteredConnector connector, Pattern eventTopics, Await await) {
        ChangeEventConsumer events = null;
        try {
            connector.awaitRunning();
            events = new ChangeEventConsumer(connector.bootstrapServers(), eventTopics);
            if (await == Await.SNAPSHOT) {
                events.awaitSnapshotCompleted(connector.timeout());
            }
            return new RunningConnector(connector, events);
        } catch (RuntimeException e) {
            try {
                if (events != null) {
                    events.close();
                }
                connector.close();
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
        return connector.config();
    }

    /** The consumer on the connector's topics: everything received since the start, in arrival order. */
    public ChangeEventConsumer events() {
        return events;
    }

    public ConnectRestClient rest() {
        return connector.rest();
    }

    /** The connector's state as Connect reports it ({@code GET /connectors/<name>/status}). */
    public String state() {
        return connector.state();
    }

    /** {@link RegisteredConnector#addTables}. */
    public void addTables(List<String> tables) {
        connector.addTables(tables);
    }

    @Override
    public void close() {
        try {
            events.close();
        } finally {
            connector.close();
        }
    }
}
