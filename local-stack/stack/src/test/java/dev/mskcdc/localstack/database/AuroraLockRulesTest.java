package dev.mskcdc.localstack.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuroraLockRulesTest {

    private static AuroraLockRules database;

    @BeforeAll
    static void start() {
        database = AuroraLockRules.inFrontOf(MySqlServer.builder().start());
        database.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY)",
                "CREATE TABLE shop.lines (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void refusesTheGlobalReadLockEvenToTheAdmin() throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("FLUSH TABLES WITH READ LOCK"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1045);
                        assertThat(e.getSQLState()).isEqualTo("28000");
                        assertThat(e.getMessage()).isEqualTo(AuroraLockRules.REFUSAL);
                    });
            // the connection stays usable, as after any refused statement
            assertThat(single(statement, "SELECT 1 + 1")).isEqualTo("2");
        }
    }

    @Test
    void theRefusedGlobalReadLockStillCommitsTheOpenTransactionAsAFlushDoes() throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO shop.lines VALUES (41)");
            assertThatThrownBy(() -> statement.execute("FLUSH TABLES WITH READ LOCK"))
                    .isInstanceOf(SQLException.class);
            // Inside an open transaction MySQL 8.0 refuses this ("Transaction characteristics can't be changed
            // while a transaction is in progress"): Debezium's RDS path issues it right after the refused lock.
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            connection.rollback();
        }
        try (Connection other = database.adminConnection();
                Statement statement = other.createStatement()) {
            assertThat(single(statement, "SELECT COUNT(*) FROM shop.lines WHERE id = 41"))
                    .as("committed by the FLUSH")
                    .isEqualTo("1");
        }
    }

    @Test
    void resetConnectionsDropsEveryRelayedConnectionAndAcceptsNewOnes() throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement()) {
            assertThat(database.resetConnections()).isGreaterThanOrEqualTo(2);
            assertThatThrownBy(() -> single(statement, "SELECT 1")).isInstanceOf(SQLException.class);
        }
        try (Connection again = database.adminConnection();
                Statement statement = again.createStatement()) {
            assertThat(single(statement, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void grantsTableReadLocksAndPassesEverythingElse() throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("FLUSH TABLES `shop`.`orders`,`shop`.`lines` WITH READ LOCK");
            assertThat(single(statement, "SELECT COUNT(*) FROM shop.orders")).isEqualTo("0");
            statement.execute("UNLOCK TABLES");
            statement.execute("INSERT INTO shop.orders VALUES (7)");
            assertThat(single(statement, "SELECT MAX(id) FROM shop.orders")).isEqualTo("7");
        }
    }

    @Test
    void recognisesOnlyTheGlobalStatement() {
        assertThat(AuroraLockRules.isGlobalReadLock(query("FLUSH TABLES WITH READ LOCK")))
                .isTrue();
        assertThat(AuroraLockRules.isGlobalReadLock(query("flush  table with read lock;")))
                .isTrue();
        assertThat(AuroraLockRules.isGlobalReadLock(query("FLUSH TABLES `a`.`b` WITH READ LOCK")))
                .isFalse();
        assertThat(AuroraLockRules.isGlobalReadLock(query("SELECT 'FLUSH TABLES WITH READ LOCK'")))
                .isFalse();
    }

    private static byte[] query(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 1];
        payload[0] = 0x03;
        System.arraycopy(text, 0, payload, 1, text.length);
        return payload;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
