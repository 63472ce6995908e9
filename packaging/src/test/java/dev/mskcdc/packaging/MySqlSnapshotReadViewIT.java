package dev.mskcdc.packaging;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.database.MySqlServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the reference configuration sets {@code database.initial.statements}: on MySQL 8.0 the statements
 * Debezium 3.6.1's snapshot runs before it reads the binlog position (step 2 of
 * {@code RelationalSnapshotChangeEventSource}: SHOW DATABASES, SHOW FULL TABLES) open the InnoDB read view
 * of the snapshot's transaction under REPEATABLE READ, so with {@code snapshot.locking.mode=none} a change
 * committed before the position is read is missing from the snapshot's rows and from the stream. This test
 * replays those steps on one JDBC connection, as Debezium's main snapshot connection runs them, against a
 * real MySQL 8.0 server, with a change committed by another connection between the table listing and the
 * binlog position; it reads the statement from the ZIP's {@code etc/msk/connector.properties}.
 */
class MySqlSnapshotReadViewIT {

    private static MySqlServer server;

    @BeforeAll
    static void startServer() {
        server = MySqlServer.builder().start();
        server.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withoutTheInitialStatementTheSnapshotMissesAChangeCommittedBeforeItsBinlogPosition() throws SQLException {
        assertThat(snapshotSeesChangeCommittedBeforeItsPosition(1, null))
                .as("MySQL 8.0 opens the read view at SHOW DATABASES under REPEATABLE READ: the change is lost")
                .isFalse();
    }

    @Test
    void theReferenceInitialStatementMakesTheSnapshotReadAfterItsBinlogPosition() throws Exception {
        String initialStatements = referenceConnectorProperties().getProperty("database.initial.statements");
        assertThat(initialStatements)
                .as("database.initial.statements in etc/msk/connector.properties")
                .isNotBlank();
        assertThat(snapshotSeesChangeCommittedBeforeItsPosition(2, initialStatements))
                .as("the change committed before the binlog position is in the snapshot's rows")
                .isTrue();
    }

    /**
     * Debezium's order on its main connection (BinlogSnapshotChangeEventSource, snapshot.locking.mode=none):
     * autocommit off; the initial statements at connect (JdbcConnection); step 2 lists databases and tables;
     * step 3 asks for REPEATABLE READ; step 4 reads the binlog position; step 7 selects the rows. The change
     * commits between steps 2 and 4, so it is before the position and must be in the rows.
     */
    private static boolean snapshotSeesChangeCommittedBeforeItsPosition(int id, String initialStatements)
            throws SQLException {
        try (Connection snapshot = server.adminConnection();
                Statement statement = snapshot.createStatement()) {
            if (initialStatements != null) {
                for (String initial : initialStatements.split(";")) {
                    statement.execute(initial);
                }
            }
            snapshot.setAutoCommit(false);
            statement.execute("SHOW DATABASES");
            statement.execute("SHOW FULL TABLES IN `shop`");
            server.execute("INSERT INTO shop.orders VALUES (" + id + ")");
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            statement.execute("SHOW MASTER STATUS");
            try (ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM shop.orders WHERE id = " + id)) {
                row.next();
                return row.getLong(1) == 1;
            } finally {
                snapshot.rollback();
            }
        }
    }

    private static Properties referenceConnectorProperties() throws IOException {
        Properties properties = new Properties();
        properties.load(
                new StringReader(PluginZip.read(PluginZip.topLevelDirectory() + "/etc/msk/connector.properties")));
        return properties;
    }
}
