package dev.mskcdc.packaging.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import dev.mskcdc.localstack.database.AuroraLockRules;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.database.MySqlServer;
import dev.mskcdc.localstack.process.Pause;

/**
 * A second MySQL 8.0 server that replicates a writer from the writer's first transaction and logs what it applies
 * in its own binary log (log_slave_updates is on by default in 8.0): the server a writer failover promotes. With
 * GTIDs it holds the writer's GTIDs, as an Aurora replica's shared storage holds the cluster's history; without
 * them its binary log files and offsets are its own.
 */
final class Replica {

    private final LocalServer writer;
    private final MySqlServer server;
    private final boolean gtids;

    private Replica(LocalServer writer, MySqlServer server, boolean gtids) {
        this.writer = writer;
        this.server = server;
        this.gtids = gtids;
    }

    /** A replica (server-id 2) of a {@code writer} that has GTIDs on, positioned by GTID (auto-positioning). */
    static Replica withGtids(LocalServer writer, Path parentDirectory) {
        MySqlServer server = start(parentDirectory, true);
        // Its own setup transactions are forgotten: the writer's history, replayed from the start, is its history.
        server.execute("RESET MASTER", changeMaster(writer, "MASTER_AUTO_POSITION = 1"), "START SLAVE");
        return new Replica(writer, server, true);
    }

    /** A replica (server-id 2, GTIDs off) of a {@code writer} with GTIDs off, from the writer's first binlog file. */
    static Replica withoutGtids(LocalServer writer, Path parentDirectory) throws SQLException {
        MySqlServer server = start(parentDirectory, false);
        String firstLog = firstBinlogFile(writer);
        server.execute(
                "RESET MASTER",
                changeMaster(writer, "MASTER_LOG_FILE = '" + firstLog + "', MASTER_LOG_POS = 4"),
                "START SLAVE");
        return new Replica(writer, server, false);
    }

    private static MySqlServer start(Path parentDirectory, boolean gtids) {
        MySqlServer.Builder builder = FaultHarness.commitsWithoutFsync(MySqlServer.builder())
                .option("server-id", "2")
                .parentDirectory(parentDirectory);
        if (!gtids) {
            builder.option("gtid-mode", "OFF").option("enforce-gtid-consistency", "OFF");
        }
        return builder.start();
    }

    private static String changeMaster(LocalServer writer, String position) {
        return "CHANGE MASTER TO MASTER_HOST = '" + writer.host() + "', MASTER_PORT = " + writer.port()
                + ", MASTER_USER = '" + writer.adminUser() + "', MASTER_PASSWORD = '" + writer.adminPassword() + "', "
                + position;
    }

    MySqlServer server() {
        return server;
    }

    /** Waits until this replica has applied every transaction its writer has executed (or logged). */
    void awaitCaughtUp(Duration timeout) throws SQLException {
        String writerAt = gtids ? gtidExecuted(writer) : binlogPosition(writer);
        Instant deadline = Instant.now().plus(timeout);
        while (!hasApplied(writerAt)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The replica has not applied " + writerAt + " within " + timeout.toSeconds()
                        + " s; replication: " + replicationStatus());
            }
            Pause.between(Duration.ofMillis(200), "the replica to apply the writer's transactions");
        }
    }

    /**
     * As Aurora's writer failover: the endpoint refuses connections while the writer stops and this replica, holding
     * every committed transaction (shared storage there; caught up here), is promoted (replication stopped, its
     * source forgotten); then the endpoint leads here.
     */
    void failOverBehind(AuroraLockRules endpoint, Duration timeout) {
        endpoint.failOverTo(server, () -> {
            try {
                awaitCaughtUp(timeout);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            writer.stop();
            server.execute("STOP SLAVE", "RESET SLAVE ALL");
        });
    }

    /** Closes the writer and, unless {@code endpoint} leads to it (after a failover), this replica. */
    void closeWith(AuroraLockRules endpoint) {
        if (endpoint.server() != server) {
            server.close();
        }
        writer.close();
    }

    static String gtidExecuted(LocalServer server) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
            row.next();
            return row.getString(1);
        }
    }

    private boolean hasApplied(String writerAt) throws SQLException {
        if (!gtids) {
            return appliedPosition().equals(writerAt);
        }
        try (Connection connection = server.adminConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT GTID_SUBSET(?, @@GLOBAL.gtid_executed)")) {
            statement.setString(1, writerAt);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1) == 1;
            }
        }
    }

    /** The writer's binlog file and offset ({@code SHOW MASTER STATUS}) as "file:offset". */
    static String binlogPosition(LocalServer server) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW MASTER STATUS")) {
            row.next();
            return row.getString("File") + ":" + row.getLong("Position");
        }
    }

    private static String firstBinlogFile(LocalServer server) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW BINARY LOGS")) {
            row.next();
            return row.getString(1);
        }
    }

    /** Where the replica's applier is in the writer's binlog, as "file:offset". */
    private String appliedPosition() throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW SLAVE STATUS")) {
            return row.next() ? row.getString("Relay_Master_Log_File") + ":" + row.getLong("Exec_Master_Log_Pos") : "";
        }
    }

    private String replicationStatus() throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW SLAVE STATUS")) {
            return row.next()
                    ? "IO " + row.getString("Slave_IO_Running") + " " + row.getString("Last_IO_Error") + ", SQL "
                            + row.getString("Slave_SQL_Running") + " " + row.getString("Last_SQL_Error")
                    : "not configured";
        }
    }
}
