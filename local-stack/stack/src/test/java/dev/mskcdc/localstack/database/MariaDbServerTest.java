package dev.mskcdc.localstack.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbServerTest {

    @Test
    void reportsMySql80WithRowFullBinlogByDefault() throws SQLException {
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            assertThat(variable(server, "version")).isEqualTo("8.0.39");
            assertThat(variable(server, "log_bin")).isEqualTo("ON");
            assertThat(variable(server, "binlog_format")).isEqualTo("ROW");
            assertThat(variable(server, "binlog_row_image")).isEqualTo("FULL");
        }
    }

    @Test
    void startsWithADeliberateMisconfiguration() throws SQLException {
        try (MariaDbServer server = MariaDbServer.builder()
                .withoutOption("log-bin")
                .option("binlog-format", "STATEMENT")
                .start()) {
            assertThat(variable(server, "log_bin")).isEqualTo("OFF");
            assertThat(variable(server, "binlog_format")).isEqualTo("STATEMENT");
        }
    }

    @Test
    void stopsItsProcessOnClose() {
        MariaDbServer server = MariaDbServer.builder().start();
        ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();
        server.close();
        assertThat(handle.isAlive()).isFalse();
    }

    private static String variable(Database database, String name) throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            row.next();
            return row.getString(2);
        }
    }
}
