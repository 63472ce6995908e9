package dev.mskcdc.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;

import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;
import dev.mskcdc.localstack.config.ConnectorConfigRenderer;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connector.RegisteredConnector;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.database.AuroraLockRules;
import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.kafka.KafkaBroker;
import dev.mskcdc.localstack.plugin.PluginArchive;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Progress;
import dev.mskcdc.localstack.secrets.LocalSecretsManager;
import dev.mskcdc.localstack.signals.SignalProvisioning;

/**
 * The whole self-hosted pipeline on one machine: a MySQL-compatible database, a KRaft broker, a
 * loopback Secrets Manager holding the connector's database credentials, and a Connect worker whose
 * {@code plugin.path} holds the unpacked plugin ZIP. Connector configurations come from the
 * plugin's own {@code etc/}: the same files users deploy to MSK Connect.
 */
public final class LocalStack implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String DATABASE_SECRET = "mskcdc/local/mysql";
    public static final String CONNECTOR_USER = "debezium";
    /** How long a connector may take to run and to finish its initial snapshot on a loaded machine. */
    public static final Duration CONNECTOR_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory;
    private final Path pluginRoot;
    private final Database database;
    private final KafkaBroker kafka;
    private final LocalSecretsManager secretsManager;
    private final LocalCloudWatch cloudWatch;
    private final ConnectWorker worker;
    private final ConnectWorker.Settings workerSettings;

    LocalStack(
            Path directory,
            Path pluginRoot,
            Database database,
            KafkaBroker kafka,
            LocalSecretsManager secretsManager,
            LocalCloudWatch cloudWatch,
            ConnectWorker worker,
            ConnectWorker.Settings workerSettings) {
        this.directory = directory;
        this.pluginRoot = pluginRoot;
        this.database = database;
        this.kafka = kafka;
        this.secretsManager = secretsManager;
        this.cloudWatch = cloudWatch;
        this.worker = worker;
        this.workerSettings = workerSettings;
    }

    /** A stack to configure and {@link LocalStackBuilder#start}. */
    public static LocalStackBuilder builder() {
        return new LocalStackBuilder();
    }

    public Path directory() {
        return directory;
    }

    /** The unpacked plugin's top-level directory (holding lib/, etc/, doc/). */
    public Path pluginRoot() {
        return pluginRoot;
    }

    public Database database() {
        return database;
    }

    /**
     * The stack's own database server (MySQL 8.0 or MariaDB), for stopping and starting it; fails if the stack
     * captures from an external or Testcontainers database.
     */
    public LocalServer localServer() {
        return localServerIfAny()
                .orElseThrow(() -> new LocalStackException("This stack's database is " + database.description()
                        + ": only a server the stack runs itself can be stopped and started by it."));
    }

    /** The stack's own database server behind the Aurora lock rules, if it runs one (not an external database). */
    public Optional<LocalServer> localServerIfAny() {
        Database server = database instanceof AuroraLockRules rules ? rules.server() : database;
        return server instanceof LocalServer local ? Optional.of(local) : Optional.empty();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public LocalSecretsManager secretsManager() {
        return secretsManager;
    }

    public ConnectWorker worker() {
        return worker;
    }

    /** The loopback CloudWatch endpoint that the CloudWatchMetrics transform can publish to. */
    public LocalCloudWatch cloudWatch() {
        return cloudWatch;
    }

    /**
     * Starts another worker on the same broker and plugin, in its own Connect cluster ({@code groupId}),
     * with {@code overrides} on top of the reference worker configuration. The caller stops it.
     */
    public ConnectWorker startAnotherWorker(String groupId, Map<String, String> overrides) {
        return startWorker(groupId, workerSettings.pluginPath(), overrides);
    }

    /**
     * Starts another worker, as above, whose {@code plugin.path} holds {@code pluginZip} instead of the
     * stack's plugin: a new plugin version, as an upgrade installs it.
     */
    public ConnectWorker startAnotherWorker(String groupId, Path pluginZip, Map<String, String> overrides) {
        Path pluginPath = directory.resolve("plugins-" + groupId + "-" + System.nanoTime());
        PluginArchive.unpack(pluginZip, pluginPath);
        return startWorker(groupId, pluginPath, overrides);
    }

    private ConnectWorker startWorker(String groupId, Path pluginPath, Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(workerSettings.variables());
        variables.put("CONNECT_GROUP_ID", groupId);
        Map<String, String> allOverrides = new LinkedHashMap<>(workerSettings.overrides());
        allOverrides.putAll(overrides);
        return ConnectWorker.start(
                new ConnectWorker.Settings(
                        directory.resolve("connect-" + groupId + "-" + System.nanoTime()),
                        pluginPath,
                        workerSettings.etc(),
                        variables,
                        allOverrides,
                        workerSettings.environment(),
                        0,
                        workerSettings.heap()),
                Progress.silent());
    }

    /**
     * The reference connector configuration ({@code etc/msk/connector.properties}) with the local overlay
     * ({@code etc/local/connector-overlay.properties}) for this stack and {@code spec}. Pure: it creates nothing the
     * configuration names; {@link #provisionSignals} (or {@link #registerConnector}) does.
     */
    public Map<String, String> connectorConfig(ConnectorSpec spec) {
        return ConnectorConfigRenderer.render(
                new ConnectorConfigRenderer.Endpoints(
                        pluginRoot.resolve("etc"),
                        database.host(),
                        database.port(),
                        DATABASE_SECRET,
                        kafka.bootstrapServers()),
                spec);
    }

    /**
     * Creates the signal table and topic that {@code connectorConfig} names, as a user creates them before deploying
     * ({@link SignalProvisioning}).
     */
    public void provisionSignals(Map<String, String> connectorConfig) {
        try (Admin admin = kafka.admin()) {
            SignalProvisioning.provision(database, admin, connectorConfig, CONNECTOR_USER);
        }
    }

    /**
     * Starts {@code spec}'s connector on the stack's worker and waits for its initial snapshot
     * ({@link RunningConnector#start}); its consumer reads its data topics ({@link RunningConnector#dataTopics}).
     */
    public RunningConnector startConnector(ConnectorSpec spec) {
        return startConnector(spec, RunningConnector.Await.SNAPSHOT);
    }

    public RunningConnector startConnector(ConnectorSpec spec, RunningConnector.Await await) {
        return startConnector(worker, spec, RunningConnector.dataTopics(spec.topicPrefix()), await);
    }

    /** As above, on {@code worker} (e.g. one of {@link #startAnotherWorker}), reading {@code eventTopics}. */
    public RunningConnector startConnector(
            ConnectWorker worker, ConnectorSpec spec, Pattern eventTopics, RunningConnector.Await await) {
        return RunningConnector.start(registerConnector(worker, spec), eventTopics, await);
    }

    /**
     * Registers {@code spec}'s connector on {@code worker} ({@link RegisteredConnector#register}) and returns at once:
     * for a caller that awaits it and reads its topics its own way.
     */
    public RegisteredConnector registerConnector(ConnectWorker worker, ConnectorSpec spec) {
        return RegisteredConnector.register(
                new RegisteredConnector.Parts(worker, kafka, database, CONNECTOR_USER),
                spec.name(),
                connectorConfig(spec),
                CONNECTOR_TIMEOUT);
    }

    /**
     * {@code spec} with the plugin's CloudWatchMetrics transform appended to its chain, publishing to this stack's
     * loopback CloudWatch every {@code interval} under {@code namespace}, for the connector named as in the spec.
     */
    public ConnectorSpec withCloudWatchMetrics(ConnectorSpec spec, String namespace, Duration interval) {
        String chain = connectorConfig(spec).getOrDefault("transforms", "");
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("transforms", chain.isBlank() ? "metrics" : chain + ",metrics");
        metrics.put("transforms.metrics.type", "dev.mskcdc.metrics.CloudWatchMetrics");
        metrics.put("transforms.metrics.topic.prefix", spec.topicPrefix());
        metrics.put("transforms.metrics.connector.name", spec.name());
        metrics.put("transforms.metrics.namespace", namespace);
        metrics.put("transforms.metrics.interval.ms", Long.toString(interval.toMillis()));
        metrics.put("transforms.metrics.region", REGION);
        metrics.put("transforms.metrics.endpoint", cloudWatch.endpoint());
        return spec.with(metrics);
    }

    @Override
    public void close() {
        closeQuietly(worker);
        closeQuietly(kafka);
        closeQuietly(secretsManager);
        closeQuietly(cloudWatch);
        closeQuietly(database);
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            System.err.println(
                    "[local-stack] stopping " + part.getClass().getSimpleName() + " failed: " + e.getMessage());
        }
    }
}
