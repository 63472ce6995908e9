package dev.mskcdc.packaging;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.localstack.process.Pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A connector user on {@code caching_sha2_password} (MySQL 8.4's default, and what MySQL 8.0 gives a user created
 * without a plugin when it is the server's default) against real MySQL 8.0, connected to the server's own port (the
 * stack's Aurora relay does not pass TLS): with TLS it connects; without TLS it connects when the driver may fetch the
 * server's RSA key, and otherwise the error names that fix. Each case first empties the server's authentication cache
 * ({@code FLUSH PRIVILEGES}), so the first login takes the full exchange, and then drops the binlog connection
 * ({@code KILL} of its dump thread) after emptying the cache again, so the binlog client's reconnect takes it too.
 */
@ExtendWith(LocalStackExtension.class)
class CachingSha2PasswordIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String USER = "cdc_sha2";
    private static final String PASSWORD = "sha2-Pw-7c41e9";
    private static final String SECRET = "mskcdc/it/caching-sha2";

    private static LocalStack stack;
    private static LocalServer server;

    @BeforeAll
    static void createSha2User(LocalStack localStack) throws SQLException {
        stack = localStack;
        server = stack.localServer();
        assumeTrue(
                text("SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'caching_sha2_password'"
                                + " AND PLUGIN_STATUS = 'ACTIVE'")
                        .equals("1"),
                "caching_sha2_password exists on MySQL 8.0 (not on MariaDB)");
        List<String> grants = new ArrayList<>();
        for (String grant : column("SHOW GRANTS FOR '" + LocalStack.CONNECTOR_USER + "'@'%'")) {
            grants.add(grant.replace("`" + LocalStack.CONNECTOR_USER + "`", "`" + USER + "`"));
        }
        server.execute(
                "DROP USER IF EXISTS '" + USER + "'@'%'",
                "CREATE USER '" + USER + "'@'%' IDENTIFIED WITH caching_sha2_password BY '" + PASSWORD + "'");
        server.execute(grants.toArray(String[]::new));
        assertThat(text("SELECT plugin FROM mysql.user WHERE user = '" + USER + "'"))
                .isEqualTo("caching_sha2_password");
        assertThat(text("SELECT @@have_ssl")).as("the server offers TLS").isEqualTo("YES");
        stack.secretsManager().putSecret(SECRET, "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    @Test
    void withTlsTheUserConnectsAndTheBinlogClientReconnects() throws Exception {
        snapshotsStreamsAndReconnects("sha2tls", Map.of("database.ssl.mode", "required"));
    }

    @Test
    void withoutTlsButWithPublicKeyRetrievalTheUserConnectsAndTheBinlogClientReconnects() throws Exception {
        snapshotsStreamsAndReconnects(
                "sha2key", Map.of("database.ssl.mode", "disabled", "database.allowPublicKeyRetrieval", "true"));
    }

    @Test
    void withoutTlsTheErrorNamesTheFix() throws Exception {
        Map<String, String> config = stack.connectorConfig(spec("sha2plain", Map.of("database.ssl.mode", "disabled")));
        stack.provisionSignals(config);
        ConnectRestClient rest = stack.worker().rest();

        ConnectRestClient.Response validation = rest.validate(config.get("connector.class"), config);
        ConnectRestClient.Response created = rest.put("/connectors/sha2plain/config", config);

        assertThat(validation.validationErrors())
                .contains("Public Key Retrieval is not allowed")
                .contains("database.ssl.mode=required")
                .contains("database.allowPublicKeyRetrieval=true");
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.body())
                .contains("Public Key Retrieval is not allowed")
                .contains("database.allowPublicKeyRetrieval=true");
        assertThat(validation.body() + created.body()).doesNotContain(PASSWORD);
        assertThat(rest.get("/connectors/sha2plain").status()).isEqualTo(404);
    }

    private static void snapshotsStreamsAndReconnects(String name, Map<String, String> overrides) throws Exception {
        awaitNoDumpThreads();
        try (RunningConnector connector = stack.startConnector(spec(name, overrides))) {
            ChangeEventConsumer events = connector.events();
            events.pollUntil(all -> has(all, "r", 1), WAIT);
            server.execute("INSERT INTO " + name + ".t VALUES (2, 'streamed')");
            events.pollUntil(all -> has(all, "c", 2), WAIT);

            List<Long> dumpThreads = server.binlogDumpThreads(USER);
            assertThat(dumpThreads).as("the connector's binlog connection").hasSize(1);
            server.execute("FLUSH PRIVILEGES", "KILL " + dumpThreads.get(0));
            server.execute("INSERT INTO " + name + ".t VALUES (3, 'reconnected')");
            List<ChangeEvent> received = events.pollUntil(all -> has(all, "c", 3), WAIT);

            assertThat(received)
                    .filteredOn(event -> has(List.of(event), "c", 3))
                    .first()
                    .satisfies(event -> assertThat(event.after().path("note").asText())
                            .isEqualTo(text("SELECT note FROM " + name + ".t WHERE id = 3")));
            assertThat(server.binlogDumpThreads(USER))
                    .as("a new binlog connection")
                    .hasSize(1)
                    .doesNotContain(dumpThreads.get(0));
            assertThat(connector
                            .rest()
                            .status(name)
                            .path("tasks")
                            .path(0)
                            .path("state")
                            .asText())
                    .isEqualTo("RUNNING");
        }
    }

    /**
     * The reference configuration with the caching_sha2_password user's secret, on the server's own port, for a
     * database {@code name} holding one row. The server's authentication cache is emptied, so the user's first
     * connection takes the full exchange that needs TLS or the server's public key.
     */
    private static ConnectorSpec spec(String name, Map<String, String> overrides) {
        server.recreateDatabase(
                name,
                "CREATE TABLE " + name + ".t (id INT PRIMARY KEY, note VARCHAR(16))",
                "INSERT INTO " + name + ".t VALUES (1, 'snapshot')",
                "FLUSH PRIVILEGES");
        return ConnectorSpec.of(name, name, name, name + "\\.t")
                .with(Map.of(
                        "database.hostname",
                        server.host(),
                        "database.port",
                        Integer.toString(server.port()),
                        "database.user",
                        "${secretsmanager:" + SECRET + ":username}",
                        "database.password",
                        "${secretsmanager:" + SECRET + ":password}"))
                .with(overrides);
    }

    /** Waits until the binlog connection of the case before (its connector deleted) has closed. */
    private static void awaitNoDumpThreads() {
        Instant deadline = Instant.now().plus(WAIT);
        while (!server.binlogDumpThreads(USER).isEmpty()) {
            assertThat(Instant.now())
                    .as("the binlog connection of the deleted connector closing")
                    .isBefore(deadline);
            Pause.between(Duration.ofMillis(200), "the deleted connector's binlog connection to close");
        }
    }

    private static boolean has(List<ChangeEvent> events, String op, int id) {
        return events.stream()
                .anyMatch(event -> !event.isTombstone()
                        && event.op().equals(op)
                        && event.after().path("id").asInt() == id);
    }

    private static String text(String sql) {
        try {
            return column(sql).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
