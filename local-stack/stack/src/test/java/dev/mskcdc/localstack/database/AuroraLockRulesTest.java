package dev.mskcdc.localstack.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuroraLockRulesTest {

    private static AuroraLockRules database;

    @BeforeAll
    static void start() {
        database = AuroraLockRules.inFrontOf(MariaDbServer.builder().start());
        database.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY)",
                "CREATE TABLE shop.lines (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void refusesTheGlobalReadLockEvenToTheAdmin() throws SQLException {
        try (Connection connection = database.adminConnection(); Statement statement = connection.createStatement()) {
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
    void grantsTableReadLocksAndPassesEverythingElse() throws SQLException {
        try (Connection connection = database.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("FLUSH TABLES `shop`.`orders`,`shop`.`lines` WITH READ LOCK");
            assertThat(single(statement, "SELECT COUNT(*) FROM shop.orders")).isEqualTo("0");
            statement.execute("UNLOCK TABLES");
            statement.execute("INSERT INTO shop.orders VALUES (7)");
            assertThat(single(statement, "SELECT MAX(id) FROM shop.orders")).isEqualTo("7");
        }
    }

    @Test
    void recognisesOnlyTheGlobalStatement() {
        assertThat(AuroraLockRules.isGlobalReadLock(query("FLUSH TABLES WITH READ LOCK"))).isTrue();
        assertThat(AuroraLockRules.isGlobalReadLock(query("flush  table with read lock;"))).isTrue();
        assertThat(AuroraLockRules.isGlobalReadLock(query("FLUSH TABLES `a`.`b` WITH READ LOCK"))).isFalse();
        assertThat(AuroraLockRules.isGlobalReadLock(query("SELECT 'FLUSH TABLES WITH READ LOCK'"))).isFalse();
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
