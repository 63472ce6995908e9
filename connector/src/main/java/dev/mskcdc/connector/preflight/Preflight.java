package dev.mskcdc.connector.preflight;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static dev.mskcdc.connector.preflight.Outcome.skip;

/**
 * Checks a MySQL / Aurora MySQL server the way the Debezium connector will use it, connected with the
 * connector's own credentials, and says for each problem what to change. Nothing is modified.
 */
public final class Preflight {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    /** One line of the checklist: the stable id scripts read, and the check that answers it. */
    record Item(String id, Check check) {}

    /** The checklist in the order it prints; connector/README.md's table of checks lists the same ids. */
    static final List<Item> CHECKLIST = List.of(
            new Item("connection", new ConnectionCheck()),
            new Item("writer-endpoint", new WriterEndpointCheck()),
            new Item("user-not-root", new UserNotRootCheck()),
            new Item("binlog-enabled", new BinlogEnabledCheck()),
            new Item("binlog-format", new RequiredVariableCheck("binlog_format", "ROW")),
            new Item("binlog-row-image", new RequiredVariableCheck("binlog_row_image", "FULL")),
            new Item("binlog-retention", new BinlogRetentionCheck()),
            new Item("grants", new GrantsCheck()),
            new Item("gtid-mode", new GtidModeCheck()),
            new Item("server-id", new ServerIdCheck()),
            new Item("include-list", new IncludeListCheck()),
            new Item("primary-keys", new PrimaryKeysCheck()),
            new Item("signal-table", new SignalTableCheck()),
            new Item("binlog-row-value-options", new RowValueOptionsCheck()),
            new Item("binlog-row-metadata", new BinlogRowMetadataCheck()),
            new Item("zero-dates", new ZeroDatesCheck()),
            new Item("snapshot-isolation", new SnapshotIsolationCheck()),
            new Item("secret-rotation", new SecretRotationCheck()));

    private Preflight() {}

    public static PreflightReport run(ConnectorSettings settings) {
        List<CheckResult> results = new ArrayList<>();
        try (Connection connection = connect(settings)) {
            ServerView server = ServerView.read(connection, settings);
            for (Item item : CHECKLIST) {
                results.add(item.check().run(server, settings).of(item.id()));
            }
        } catch (SQLException e) {
            results.clear();
            results.add(ConnectionCheck.failed(settings, e).of(CHECKLIST.get(0).id()));
            CHECKLIST.stream()
                    .skip(1)
                    .forEach(item ->
                            results.add(skip("not checked: no connection").of(item.id())));
        }
        return new PreflightReport(settings.target(), results);
    }

    private static Connection connect(ConnectorSettings settings) throws SQLException {
        Properties jdbc = new Properties();
        jdbc.setProperty("user", settings.user());
        jdbc.setProperty("password", settings.password());
        jdbc.setProperty("sslMode", settings.jdbcSslMode());
        jdbc.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        // Without TLS, caching_sha2_password needs the server's RSA key; with TLS it is not used.
        jdbc.setProperty(
                "allowPublicKeyRetrieval", String.valueOf(settings.jdbcSslMode().equals("DISABLED")));
        return DriverManager.getConnection("jdbc:mysql://" + settings.host() + ":" + settings.port() + "/", jdbc);
    }
}
