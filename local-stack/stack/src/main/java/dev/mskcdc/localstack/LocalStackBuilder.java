package dev.mskcdc.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connect.WorkerHeap;
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

/**
 * Assembles a {@link LocalStack}: unpacks the plugin ZIP, starts the database (or takes one given), the broker, the
 * loopback Secrets Manager and CloudWatch and a Connect worker, in that order, and stops what it started if a later
 * part fails.
 */
public final class LocalStackBuilder {

    private Path pluginZip;
    private Path directory;
    private Supplier<Database> database;
    private LocalServer.Builder<?, ?> localServer = MySqlServer.builder();
    private final Map<String, String> workerOverrides = new LinkedHashMap<>();
    private Progress progress = Progress.silent();
    private int connectPort;
    private WorkerHeap workerHeap = WorkerHeap.DEFAULT;
    private boolean auroraLockRules = true;

    LocalStackBuilder() {}

    /** A fixed port for the Connect REST API (e.g. 8083) instead of a free one. */
    public LocalStackBuilder connectPort(int connectPort) {
        this.connectPort = connectPort;
        return this;
    }

    public LocalStackBuilder pluginZip(Path pluginZip) {
        this.pluginZip = pluginZip;
        return this;
    }

    /** Where logs and data go; a new temp directory by default. */
    public LocalStackBuilder directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** A database the stack does not run itself (external, Testcontainers), instead of its own server. */
    public LocalStackBuilder database(Supplier<Database> database) {
        this.database = database;
        return this;
    }

    /**
     * The server the stack runs itself, in its own directory, when no other database is given: MySQL 8.0.15 from
     * Maven Central ({@link MySqlServer}) by default.
     */
    public LocalStackBuilder localServer(LocalServer.Builder<?, ?> localServer) {
        this.localServer = localServer;
        this.database = null;
        return this;
    }

    /**
     * The database named as on a command line or in a system property ({@link DatabaseChoice}): {@code mysql},
     * {@code mariadb}, {@code testcontainers} or {@code external}. {@code setting} names where it was written.
     */
    public LocalStackBuilder database(String setting, String choice, Supplier<ExternalMySql> external) {
        return DatabaseChoice.isLocal(choice)
                ? localServer(DatabaseChoice.localServer(setting, choice))
                : database(DatabaseChoice.other(setting, choice, external));
    }

    /**
     * Whether the database refuses the global read lock the way RDS/Aurora do ({@link AuroraLockRules});
     * on by default, so snapshots take Debezium's RDS/Aurora code path.
     */
    public LocalStackBuilder auroraLockRules(boolean auroraLockRules) {
        this.auroraLockRules = auroraLockRules;
        return this;
    }

    /**
     * The Connect worker's maximum heap ({@link WorkerHeap#DEFAULT} 1g unless set), e.g. to run it at the heap a
     * managed worker has; it applies to {@link LocalStack#startAnotherWorker} workers too.
     */
    public LocalStackBuilder workerHeap(WorkerHeap workerHeap) {
        this.workerHeap = workerHeap;
        return this;
    }

    /** A worker setting that replaces the reference worker configuration's value. */
    public LocalStackBuilder workerOverride(String key, String value) {
        workerOverrides.put(key, value);
        return this;
    }

    public LocalStackBuilder progress(Progress progress) {
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
            secrets = LocalSecretsManager.start(LocalStack.REGION);
            secrets.putSecret(
                    LocalStack.DATABASE_SECRET,
                    "{\"username\":\"" + LocalStack.CONNECTOR_USER + "\",\"password\":\"" + connectorPassword + "\"}");
            progress.step("Secrets Manager endpoint on " + secrets.endpoint() + " holds secret "
                    + LocalStack.DATABASE_SECRET);
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
                LocalStack.REGION,
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
                "AWS_REGION", LocalStack.REGION);
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
                "CREATE USER IF NOT EXISTS '" + LocalStack.CONNECTOR_USER + "'@'%' IDENTIFIED BY '" + password + "'",
                "ALTER USER '" + LocalStack.CONNECTOR_USER + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO '"
                        + LocalStack.CONNECTOR_USER + "'@'%'");
    }
}
