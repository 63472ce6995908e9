package dev.mskcdc.localstack.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mskcdc.localstack.process.ChildProcess;
import dev.mskcdc.localstack.process.FreePorts;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.OneShotCommand;
import dev.mskcdc.localstack.process.Progress;

/**
 * MariaDB 11.4.5 from Maven Central, started as a child process with its own data directory.
 *
 * <p>By default it writes a ROW/FULL binary log, as RDS and Aurora MySQL do with the parameter group
 * the connector needs, and reports version 8.0.39: Debezium 3.6's MySQL connector refuses a server
 * that reports a MariaDB version (it then issues {@code SHOW BINARY LOG STATUS}, which 11.4 rejects),
 * while with a MySQL 8.0 version string MariaDB 11.4 serves snapshot and streaming. Each default can be
 * changed or removed, to start the deliberately misconfigured servers the preflight is tested on.
 */
public final class MariaDbServer implements Database {

    public static final String ADMIN_USER = "root";
    public static final String ADMIN_PASSWORD = "local-stack-admin";

    private final Path directory;
    private final int port;
    private volatile ChildProcess process;

    private MariaDbServer(Path directory, int port, ChildProcess process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return ADMIN_USER;
    }

    @Override
    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    @Override
    public String description() {
        return "MariaDB " + MariaDbBinaries.VERSION + " on 127.0.0.1:" + port;
    }

    /** The unpacked MariaDB installation (bin/, share/), e.g. for its command-line client. */
    public Path baseDirectory() {
        return MariaDbBinaries.baseDirectory();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    /**
     * Stops the server with SIGTERM (a clean shutdown, as in an Aurora reboot or failover), keeping its
     * data directory; clients are disconnected and new connections refused until {@link #startAgain}.
     */
    public void stop() {
        process.stop();
    }

    /** Starts the stopped server again on the same port and data directory; returns once it accepts the admin user. */
    public void startAgain(Progress progress) {
        process = process.startAgain();
        process.awaitReady(this::acceptsAdmin, Builder.START_TIMEOUT, progress);
    }

    private boolean acceptsAdmin() {
        try (Connection ignored = adminConnection()) {
            return true;
        }
        catch (SQLException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
        try {
            MariaDbBinaries.deleteRecursively(directory);
        }
        catch (IOException e) {
            // Left for the operating system's temp cleaning; nothing depends on it.
        }
    }

    /** Server options ({@code --name=value}, or {@code --name} for a null value), defaults first. */
    public static final class Builder {

        private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

        private final Map<String, String> options = new LinkedHashMap<>();
        private Path parentDirectory;
        private int port;
        private Progress progress = Progress.silent();

        private Builder() {
            options.put("log-bin", "binlog");
            options.put("binlog-format", "ROW");
            options.put("binlog-row-image", "FULL");
            options.put("server-id", "1");
            options.put("version", "8.0.39");
            options.put("character-set-server", "utf8mb4");
            options.put("collation-server", "utf8mb4_general_ci");
        }

        /** Sets (or replaces) a server option, e.g. {@code option("binlog-format", "STATEMENT")}. */
        public Builder option(String name, String value) {
            options.put(name, value);
            return this;
        }

        /** Removes a default server option, e.g. {@code withoutOption("log-bin")} for a server with no binary log. */
        public Builder withoutOption(String name) {
            options.remove(name);
            return this;
        }

        /** Fixed port instead of a free one; fails with a clear message if it is taken. */
        public Builder port(int port) {
            this.port = FreePorts.require(port, "MariaDB");
            return this;
        }

        /** Where the data directory is created; a new temp directory by default. */
        public Builder parentDirectory(Path parentDirectory) {
            this.parentDirectory = parentDirectory;
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        public MariaDbServer start() {
            Path base = MariaDbBinaries.baseDirectory();
            int chosenPort = port != 0 ? port : FreePorts.next();
            try {
                Path directory = parentDirectory == null
                        ? Files.createTempDirectory("mskcdc-mariadb-")
                        : Files.createDirectories(parentDirectory.resolve("mariadb"));
                Path dataDirectory = Files.createDirectories(directory.resolve("data"));
                installSystemTables(base, dataDirectory, directory.resolve("install.log"));
                ChildProcess process = ChildProcess.start("MariaDB", serverCommand(base, directory, chosenPort),
                        Map.of(), directory, directory.resolve("mariadb.log"));
                MariaDbServer server = new MariaDbServer(directory, chosenPort, process);
                try {
                    process.awaitReady(() -> acceptsRootWithoutPassword(server), START_TIMEOUT, progress);
                    server.setAdminPassword();
                }
                catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                return server;
            }
            catch (IOException e) {
                throw new LocalStackException("Cannot create the MariaDB data directory: " + e.getMessage(), e);
            }
        }

        private void installSystemTables(Path base, Path dataDirectory, Path log) {
            List<String> command = new ArrayList<>(List.of(
                    base.resolve("scripts/mariadb-install-db").toString(),
                    "--no-defaults",
                    "--basedir=" + base,
                    "--datadir=" + dataDirectory,
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            userOption().ifPresent(command::add);
            OneShotCommand.run("mariadb-install-db", command, log, START_TIMEOUT);
        }

        private List<String> serverCommand(Path base, Path directory, int chosenPort) {
            List<String> command = new ArrayList<>(List.of(
                    base.resolve("bin/mariadbd").toString(),
                    "--no-defaults",
                    "--basedir=" + base,
                    "--datadir=" + directory.resolve("data"),
                    "--socket=" + directory.resolve("mariadb.sock"),
                    "--pid-file=" + directory.resolve("mariadb.pid"),
                    "--port=" + chosenPort,
                    "--bind-address=127.0.0.1",
                    "--innodb-buffer-pool-size=64M"));
            userOption().ifPresent(command::add);
            options.forEach((name, value) -> command.add(value == null ? "--" + name : "--" + name + "=" + value));
            return command;
        }

        /** mariadbd refuses to run as root unless told to; as another user the option is not needed. */
        private static java.util.Optional<String> userOption() {
            return "root".equals(System.getProperty("user.name"))
                    ? java.util.Optional.of("--user=root")
                    : java.util.Optional.empty();
        }

        private static boolean acceptsRootWithoutPassword(MariaDbServer server) {
            try (Connection ignored = java.sql.DriverManager.getConnection(server.jdbcUrl(), ADMIN_USER, "")) {
                return true;
            }
            catch (SQLException notYet) {
                return false;
            }
        }
    }

    private void setAdminPassword() {
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(), ADMIN_USER, "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
            statement.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION");
            statement.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
        }
        catch (SQLException e) {
            throw new LocalStackException("Cannot set up the admin user on " + description() + ": " + e.getMessage(), e);
        }
    }
}
