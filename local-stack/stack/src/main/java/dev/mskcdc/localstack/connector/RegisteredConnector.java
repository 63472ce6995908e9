package dev.mskcdc.localstack.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.kafka.KafkaBroker;
import dev.mskcdc.localstack.signals.SignalChannel;
import dev.mskcdc.localstack.signals.SignalProvisioning;

/**
 * One connector on a Connect worker, from registration to deletion, without a consumer of its own: {@link #register}
 * provisions what its configuration names (signal table and topic) and registers it; {@link #close} deletes it.
 * {@link RunningConnector} adds a consumer on its topics; a caller that reads them its own way uses this directly.
 */
public final class RegisteredConnector implements AutoCloseable {

    /** The stack's parts a connector needs. */
    public record Parts(ConnectWorker worker, KafkaBroker kafka, Database database, String connectorUser) {}

    private final Parts parts;
    private final String name;
    private final Duration timeout;
    private Map<String, String> config;

    private RegisteredConnector(Parts parts, String name, Duration timeout, Map<String, String> config) {
        this.parts = parts;
        this.name = name;
        this.timeout = timeout;
        this.config = config;
    }

    /**
     * Provisions the signal table and topic {@code config} names, then creates (or updates) {@code name} with it.
     * Every wait on it is bounded by {@code timeout}.
     */
    public static RegisteredConnector register(Parts parts, String name, Map<String, String> config, Duration timeout) {
        try (Admin admin = parts.kafka().admin()) {
            SignalProvisioning.provision(parts.database(), admin, config, parts.connectorUser());
        }
        parts.worker().rest().putConnector(name, config);
        return new RegisteredConnector(parts, name, timeout, Map.copyOf(config));
    }

    /** The configuration the connector was last given (by {@link #register} or {@link #addTables}). */
    public Map<String, String> config() {
        return config;
    }

    /** The REST API of the worker it was registered on. */
    public ConnectRestClient rest() {
        return parts.worker().rest();
    }

    Duration timeout() {
        return timeout;
    }

    /** The broker the connector's topics are on. */
    String bootstrapServers() {
        return parts.kafka().bootstrapServers();
    }

    /** The connector's state as Connect reports it ({@code GET /connectors/<name>/status}). */
    public String state() {
        return rest().status(name).path("connector").path("state").asText();
    }

    /** Waits until the connector and its task run; fails at once with the trace if one failed. */
    public void awaitRunning() {
        rest().awaitRunning(name, timeout);
    }

    /**
     * {@code msk-deploy add-table} on this connector: {@code tables} ({@code database.table}) join
     * {@code table.include.list} (see {@link #config()}), then one execute-snapshot signal snapshots only them,
     * incrementally.
     */
    public void addTables(List<String> tables) {
        config = Map.copyOf(SignalChannel.addTables(rest(), bootstrapServers(), name, tables, timeout));
    }

    /**
     * Deletes the connector. If the worker it was registered on is dead (killed and not started again), there is no
     * REST API to ask: the connector stays in its Connect cluster, whose other workers, if any, run it until they stop.
     */
    @Override
    public void close() {
        if (parts.worker().isAlive()) {
            rest().deleteConnector(name);
        }
    }
}
