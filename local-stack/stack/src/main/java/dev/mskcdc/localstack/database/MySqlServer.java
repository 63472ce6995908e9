package dev.mskcdc.localstack.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mskcdc.localstack.process.ChildProcess;
import dev.mskcdc.localstack.process.OneShotCommand;

/**
 * MySQL Community Server 8.0.15 from Maven Central ({@link MySqlBinaries}), started as a child process with its own
 * data directory: the local stack's default database, the engine Aurora MySQL 3 is built on.
 *
 * <p>By default it runs as the connector needs RDS/Aurora configured: a ROW/FULL binary log and GTIDs on
 * ({@code gtid_mode=ON}, {@code enforce_gtid_consistency=ON}, as the preflight recommends for failover). Accounts use
 * {@code mysql_native_password} (Aurora MySQL 3's default; 8.4's is {@code caching_sha2_password}), so the MariaDB
 * command-line client the stack ships can log in. Each default can be changed or removed.
 */
public final class MySqlServer extends LocalServer {

    private MySqlServer(Path directory, int port, ChildProcess process) {
        super(directory, port, process);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String description() {
        return "MySQL " + MySqlBinaries.VERSION + " on 127.0.0.1:" + port();
    }

    public static final class Builder extends LocalServer.Builder<Builder, MySqlServer> {

        private Builder() {
            super("MySQL");
            option("log-bin", "binlog");
            option("binlog-format", "ROW");
            option("binlog-row-image", "FULL");
            option("server-id", "1");
            option("gtid-mode", "ON");
            option("enforce-gtid-consistency", "ON");
            option("default-authentication-plugin", "mysql_native_password");
            option("character-set-server", "utf8mb4");
        }

        @Override
        public MySqlServer start() {
            Path base = MySqlBinaries.baseDirectory();
            Path mysqld = base.resolve("bin/mysqld");
            Libaio.requireFor(mysqld);
            int chosenPort = chosenPort();
            Path directory = serverDirectory("mysql");
            initialize(mysqld, base, directory);
            ChildProcess process = ChildProcess.start(
                    "MySQL",
                    serverCommand(mysqld, base, directory, chosenPort),
                    Map.of(),
                    directory,
                    directory.resolve("mysql.log"));
            return secured(new MySqlServer(directory, chosenPort, process), progress());
        }

        /** The system tables, and root@localhost with no password until {@link #secured} sets one. */
        private static void initialize(Path mysqld, Path base, Path directory) {
            List<String> command = new ArrayList<>(List.of(
                    mysqld.toString(),
                    "--no-defaults",
                    "--initialize-insecure",
                    "--basedir=" + base,
                    "--datadir=" + directory.resolve("data"),
                    "--default-authentication-plugin=mysql_native_password"));
            userOption().ifPresent(command::add);
            OneShotCommand.run(
                    "mysqld --initialize-insecure", command, directory.resolve("initialize.log"), START_TIMEOUT);
        }

        private List<String> serverCommand(Path mysqld, Path base, Path directory, int chosenPort) {
            List<String> command = new ArrayList<>(List.of(
                    mysqld.toString(),
                    "--no-defaults",
                    "--basedir=" + base,
                    "--datadir=" + directory.resolve("data"),
                    "--socket=" + directory.resolve("mysql.sock"),
                    "--pid-file=" + directory.resolve("mysql.pid"),
                    "--port=" + chosenPort,
                    "--bind-address=127.0.0.1",
                    "--mysqlx=OFF",
                    "--innodb-buffer-pool-size=64M"));
            userOption().ifPresent(command::add);
            command.addAll(optionArguments());
            return command;
        }
    }
}
