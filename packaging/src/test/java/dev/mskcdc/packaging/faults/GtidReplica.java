package dev.mskcdc.packaging.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.database.MySqlServer;
import dev.mskcdc.localstack.process.Pause;

/**
 * A second MySQL 8.0 server that replicates a writer with GTID auto-positioning from the writer's first
 * transaction, so it holds the writer's GTIDs in its own binary log (log_replica_updates is on by default in 8.0)
 * as an Aurora replica's shared storage holds the cluster's: the server a writer failover promotes.
 */
final class GtidReplica {

    private final MySqlServer server;

    private GtidReplica(MySqlServer server) {
        this.server = server;
    }

    /** Starts a replica of {@code writer} (server-id 2) in {@code parentDirectory} and starts replication. */
    static GtidReplica of(LocalServer writer, Path parentDirectory) {
        MySqlServer server = MySqlServer.builder()
                .option("server-id", "2")
                .option("innodb-flush-log-at-trx-commit", "2")
                .option("sync-binlog", "0")
                .parentDirectory(parentDirectory)
                .start();
        // Its own setup transactions are forgotten: the writer's history, replayed from the start, is its history.
        server.execute(
                "RESET MASTER",
                "CHANGE MASTER TO MASTER_HOST = '" + writer.host() + "', MASTER_PORT = " + writer.port()
                        + ", MASTER_USER = '" + writer.adminUser() + "', MASTER_PASSWORD = '" + writer.adminPassword()
                        + "', MASTER_AUTO_POSITION = 1",
                "START SLAVE");
        return new GtidReplica(server);
    }

    MySqlServer server() {
        return server;
    }

    /** Waits until this replica has applied every transaction {@code writer} has executed. */
    void awaitCaughtUpWith(LocalServer writer, Duration timeout) throws SQLException {
        String executed = gtidExecuted(writer);
        Instant deadline = Instant.now().plus(timeout);
        while (!hasApplied(executed)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The replica has not applied " + executed + " within " + timeout.toSeconds()
                        + " s; it has " + gtidExecuted(server) + "; replication: " + replicationError());
            }
            Pause.between(Duration.ofMillis(200), "the replica to apply the writer's transactions");
        }
    }

    /** Stops replication and forgets its source: the replica is now a writer of its own. */
    void promote() {
        server.execute("STOP SLAVE", "RESET SLAVE ALL");
    }

    static String gtidExecuted(LocalServer server) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
            row.next();
            return row.getString(1);
        }
    }

    private boolean hasApplied(String gtidSet) throws SQLException {
        try (Connection connection = server.adminConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT GTID_SUBSET(?, @@GLOBAL.gtid_executed)")) {
            statement.setString(1, gtidSet);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1) == 1;
            }
        }
    }

    private String replicationError() throws SQLException {
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
