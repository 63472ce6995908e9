package dev.mskcdc.localstack.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mskcdc.localstack.process.ChildProcess;
import dev.mskcdc.localstack.process.FreePorts;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Progress;

/**
 * A database server the stack runs itself, as a child process with its own data directory on a loopback port:
 * {@link MySqlServer} (the default) or {@link MariaDbServer}. Tests stop and start it as an Aurora reboot or
 * failover does.
 */
public abstract class LocalServer implements Database {

    public static final String ADMIN_USER = "root";
    public static final String ADMIN_PASSWORD = "local-stack-admin";
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final int port;
    private volatile ChildProcess process;

    LocalServer(Path directory, int port, ChildProcess process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
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

    /** The MariaDB installation whose command-line client ({@code bin/mariadb}) talks to either server. */
    public Path clientBaseDirectory() {
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
        process.awaitReady(this::acceptsAdmin, START_TIMEOUT, progress);
    }

    private boolean acceptsAdmin() {
        try (Connection ignored = adminConnection()) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
        try {
            BinaryCache.deleteRecursively(directory);
        } catch (IOException e) {
            // Left for the operating system's temp cleaning; nothing depends on it.
        }
    }

    /**
     * Waits until a freshly initialized server accepts root without a password, then gives root the admin
     * password, from loopback and from anywhere. Closes the server if it never comes up.
     */
    static <S extends LocalServer> S secured(S server, Progress progress) {
        try {
            ((LocalServer) server)
                    .process.awaitReady(() -> acceptsRootWithoutPassword(server), START_TIMEOUT, progress);
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), ADMIN_USER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
                statement.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION");
                statement.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
            }
            return server;
        } catch (SQLException e) {
            server.close();
            throw new LocalStackException(
                    "Cannot set up the admin user on " + server.description() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static boolean acceptsRootWithoutPassword(LocalServer server) {
        try (Connection ignored = DriverManager.getConnection(server.jdbcUrl(), ADMIN_USER, "")) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    /**
     * Server options ({@code --name=value}, or {@code --name} for a null value), the engine's defaults first, and
     * where the server lives. {@code B} is the engine's own builder, {@code S} its server.
     */
    public abstract static class Builder<B extends Builder<B, S>, S extends LocalServer> {

        private final String engine;
        private final Map<String, String> options = new LinkedHashMap<>();
        private Path parentDirectory;
        private int port;
        private Progress progress = Progress.silent();

        Builder(String engine) {
            this.engine = engine;
        }

        /** Sets (or replaces) a server option, e.g. {@code option("binlog-format", "STATEMENT")}. */
        public B option(String name, String value) {
            options.put(name, value);
            return self();
        }

        /** Removes a default server option, e.g. {@code withoutOption("log-bin")} for a server with no binary log. */
        public B withoutOption(String name) {
            options.remove(name);
            return self();
        }

        /** Fixed port instead of a free one; fails with a clear message if it is taken. */
        public B port(int port) {
            this.port = FreePorts.require(port, engine);
            return self();
        }

        /** Where the data directory is created; a new temp directory by default. */
        public B parentDirectory(Path parentDirectory) {
            this.parentDirectory = parentDirectory;
            return self();
        }

        public B progress(Progress progress) {
            this.progress = progress;
            return self();
        }

        /** Initializes a data directory, starts the server and returns once the admin user can connect. */
        public abstract S start();

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        Progress progress() {
            return progress;
        }

        int chosenPort() {
            return port != 0 ? port : FreePorts.next();
        }

        /** The server's own directory (its data directory {@code data/} inside), created here. */
        Path serverDirectory(String name) {
            try {
                Path directory = parentDirectory == null
                        ? Files.createTempDirectory("mskcdc-" + name + "-")
                        : Files.createDirectories(parentDirectory.resolve(name));
                Files.createDirectories(directory.resolve("data"));
                return directory;
            } catch (IOException e) {
                throw new LocalStackException("Cannot create the " + engine + " data directory: " + e.getMessage(), e);
            }
        }

        List<String> optionArguments() {
            List<String> arguments = new ArrayList<>();
            options.forEach((name, value) -> arguments.add(value == null ? "--" + name : "--" + name + "=" + value));
            return arguments;
        }
    }

    /** Both servers refuse to run as root unless told to; as another user the option is not needed. */
    static Optional<String> userOption() {
        return "root".equals(System.getProperty("user.name")) ? Optional.of("--user=root") : Optional.empty();
    }
}
