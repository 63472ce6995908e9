package dev.mskcdc.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;

import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;
import dev.mskcdc.localstack.config.ConnectorConfigRenderer;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connect.WorkerHeap;
import dev.mskcdc.localstack.connector.RegisteredConnector;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.database.AuroraLockRules;
import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.database.DatabaseChoice;
import dev.mskcdc.localstack.database.ExternalMySql;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.database.MySqlServer;
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

    private LocalStack(
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

    public static Builder builder() {
        return new Builder();
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

    public static final class Builder {

        private Path pluginZip;
        private Path directory;
        private Supplier<Database> database;
        private LocalServer.Builder<?, ?> localServer = MySqlServer.builder();
        private final Map<String, String> workerOverrides = new LinkedHashMap<>();
        private Progress progress = Progress.silent();
        private int connectPort;
        private WorkerHeap workerHeap = WorkerHeap.DEFAULT;
        private boolean auroraLockRules = true;

        private Builder() {}

        /** A fixed port for the Connect REST API (e.g. 8083) instead of a free one. */
        public Builder connectPort(int connectPort) {
            this.connectPort = connectPort;
            return this;
        }

        public Builder pluginZip(Path pluginZip) {
            this.pluginZip = pluginZip;
            return this;
        }

        /** Where logs and data go; a new temp directory by default. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** A database the stack does not run itself (external, Testcontainers), instead of its own server. */
        public Builder database(Supplier<Database> database) {
            this.database = database;
            return this;
        }

        /**
         * The server the stack runs itself, in its own directory, when no other database is given: MySQL 8.0.15 from
         * Maven Central ({@link MySqlServer}) by default.
         */
        public Builder localServer(LocalServer.Builder<?, ?> localServer) {
            this.localServer = localServer;
            this.database = null;
            return this;
        }

        /**
         * The database named as on a command line or in a system property ({@link DatabaseChoice}): {@code mysql},
         * {@code mariadb}, {@code testcontainers} or {@code external}. {@code setting} names where it was written.
         */
        public Builder database(String setting, String choice, Supplier<ExternalMySql> external) {
            return DatabaseChoice.isLocal(choice)
                    ? localServer(DatabaseChoice.localServer(setting, choice))
                    : database(DatabaseChoice.other(setting, choice, external));
        }

        /**
         * Whether the database refuses the global read lock the way RDS/Aurora do ({@link AuroraLockRules});
         * on by default, so snapshots take Debezium's RDS/Aurora code path.
         */
        public Builder auroraLockRules(boolean auroraLockRules) {
            this.auroraLockRules = auroraLockRules;
            return this;
        }

        /**
         * The Connect worker's maximum heap ({@link WorkerHeap#DEFAULT} 1g unless set), e.g. to run it at the heap a
         * managed worker has; it applies to {@link LocalStack#startAnotherWorker} workers too.
         */
        public Builder workerHeap(WorkerHeap workerHeap) {
            this.workerHeap = workerHeap;
            return this;
        }

        /** A worker setting that replaces the reference worker configuration's value. */
        public Builder workerOverride(String key, String value) {
            workerOverrides.put(key, value);
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        public LocalStack start() {
            if (pluginZip == null) {
                throw new LocalStackException(
                        "No plugin ZIP given: the stack runs the plugin ZIP, never classes from a classpath.");
            }
            Path root = createDirectory();
            Path pluginPath = root.resolve("plugins");
            Database db = null;
            KafkaBroker kafka = null;
            LocalSecretsManager secrets = null;
            LocalCloudWatch cloudWatch = null;
            try {
                progress.step("Unpacking " + pluginZip.getFileName() + " into " + pluginPath);
                Path pluginRoot = PluginArchive.unpack(pluginZip, pluginPath);
                progress.step("Starting the database");
                db = database != null
                        ? database.get()
                        : localServer.parentDirectory(root).progress(progress).start();
                if (auroraLockRules) {
                    db = AuroraLockRules.inFrontOf(db);
                }
                progress.step("Database ready: " + db.description());
                String connectorPassword = "local-" + UUID.randomUUID();
                createConnectorUser(db, connectorPassword);
                progress.step("Starting the Kafka broker (KRaft)");
                kafka = KafkaBroker.start(root.resolve("kafka"), progress);
                progress.step("Kafka ready: " + kafka.bootstrapServers());
                secrets = LocalSecretsManager.start(REGION);
                secrets.putSecret(
                        DATABASE_SECRET,
                        "{\"username\":\"" + CONNECTOR_USER + "\",\"password\":\"" + connectorPassword + "\"}");
                progress.step("Secrets Manager endpoint on " + secrets.endpoint() + " holds secret " + DATABASE_SECRET);
                cloudWatch = LocalCloudWatch.start();
                progress.step("CloudWatch endpoint on " + cloudWatch.endpoint());
                progress.step("Starting the Kafka Connect 3.7.2 worker with plugin.path=" + pluginPath);
                ConnectWorker.Settings settings = workerSettings(root, pluginPath, pluginRoot, kafka, secrets);
                ConnectWorker worker = ConnectWorker.start(settings, progress);
                progress.step("Connect ready: " + worker.rest().baseUrl() + " (log: " + worker.logFile() + ")");
                return new LocalStack(root, pluginRoot, db, kafka, secrets, cloudWatch, worker, settings);
            } catch (RuntimeException e) {
                new LocalStack(root, null, db, kafka, secrets, cloudWatch, null, null).close();
                throw e;
            }
        }

        private ConnectWorker.Settings workerSettings(
                Path root, Path pluginPath, Path pluginRoot, KafkaBroker kafka, LocalSecretsManager secrets) {
            Map<String, String> variables = Map.of(
                    "BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers(),
                    "CONNECT_GROUP_ID",
                    "local-connect",
                    "REPLICATION_FACTOR",
                    "1",
                    "AWS_REGION",
                    REGION,
                    "SECRETS_MANAGER_ENDPOINT",
                    secrets.endpoint());
            Map<String, String> overrides = new LinkedHashMap<>();
            // Commit source offsets often, so a stopped connector resumes close to where it was.
            overrides.put("offset.flush.interval.ms", "2000");
            overrides.putAll(workerOverrides);
            // Not real credentials: the loopback endpoint accepts any signature.
            Map<String, String> environment = Map.of(
                    "AWS_ACCESS_KEY_ID", "local-stack",
                    "AWS_SECRET_ACCESS_KEY", "local-stack",
                    "AWS_REGION", REGION);
            return new ConnectWorker.Settings(
                    root.resolve("connect"),
                    pluginPath,
                    pluginRoot.resolve("etc"),
                    variables,
                    overrides,
                    environment,
                    connectPort,
                    workerHeap);
        }

        private Path createDirectory() {
            try {
                return directory != null
                        ? Files.createDirectories(directory)
                        : Files.createTempDirectory("mskcdc-local-stack-");
            } catch (IOException e) {
                throw new LocalStackException("Cannot create the stack directory: " + e.getMessage(), e);
            }
        }

        private static void createConnectorUser(Database db, String password) {
            db.execute(
                    "CREATE USER IF NOT EXISTS '" + CONNECTOR_USER + "'@'%' IDENTIFIED BY '" + password + "'",
                    "ALTER USER '" + CONNECTOR_USER + "'@'%' IDENTIFIED BY '" + password + "'",
                    "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO '"
                            + CONNECTOR_USER + "'@'%'");
        }
    }
}
