package dev.mskcdc.connector.preflight;

import java.util.Optional;
import java.util.Properties;

/**
 * The part of a rendered Debezium MySQL connector configuration the preflight needs: how to connect
 * (with the connector's own credentials) and what the connector will capture.
 */
public final class ConnectorSettings {

    static final String HOST = "database.hostname";
    static final String PORT = "database.port";
    static final String USER = "database.user";
    static final String PASSWORD = "database.password";
    static final String SERVER_ID = "database.server.id";
    static final String DATABASE_INCLUDE = "database.include.list";
    static final String DATABASE_EXCLUDE = "database.exclude.list";
    static final String TABLE_INCLUDE = "table.include.list";
    static final String TABLE_EXCLUDE = "table.exclude.list";
    static final String MESSAGE_KEY_COLUMNS = "message.key.columns";
    static final String SNAPSHOT_LOCKING_MODE = "snapshot.locking.mode";
    static final String SSL_MODE = "database.ssl.mode";
    static final String SIGNAL_DATA_COLLECTION = "signal.data.collection";
    static final String INITIAL_STATEMENTS = "database.initial.statements";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final long serverId;
    private final CapturedTables capture;
    private final String snapshotLockingMode;
    private final String sslMode;
    private final String signalDataCollection;
    private final String initialStatements;
    private final Optional<String> passwordReference;

    private ConnectorSettings(Properties properties, String user, String password) {
        this.host = required(properties, HOST);
        this.port = (int) number(properties, PORT, "3306", 1, 65_535);
        this.user = user;
        this.password = password;
        this.serverId = number(properties, SERVER_ID, null, 1, 4_294_967_295L);
        this.capture = new CapturedTables(properties);
        this.snapshotLockingMode =
                properties.getProperty(SNAPSHOT_LOCKING_MODE, "minimal").strip();
        this.sslMode = properties.getProperty(SSL_MODE, "preferred").strip();
        this.signalDataCollection =
                properties.getProperty(SIGNAL_DATA_COLLECTION, "").strip();
        this.initialStatements = properties.getProperty(INITIAL_STATEMENTS, "").strip();
        String passwordSetting = properties.getProperty(PASSWORD, "").strip();
        this.passwordReference = passwordSetting.startsWith("${") ? Optional.of(passwordSetting) : Optional.empty();
    }

    /**
     * Reads the connector's properties. The user and password come from the file unless given here:
     * a rendered MSK configuration holds {@code ${secretsmanager:...}} references, which only a Connect
     * worker resolves, so the command line asks for them instead.
     */
    public static ConnectorSettings from(
            Properties properties, Optional<String> userOverride, Optional<String> passwordOverride) {
        String user = userOverride.orElseGet(() -> literal(properties, USER, "--user"));
        String password = passwordOverride.orElseGet(() -> literal(properties, PASSWORD, "--password-env"));
        return new ConnectorSettings(properties, user, password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public long serverId() {
        return serverId;
    }

    /** The include/exclude lists and message.key.columns: what the connector will capture, and with which keys. */
    CapturedTables capture() {
        return capture;
    }

    /** The source signal channel's table, {@code database.table}, if one is configured. */
    public Optional<String> signalDataCollection() {
        return signalDataCollection.isEmpty() ? Optional.empty() : Optional.of(signalDataCollection);
    }

    public String snapshotLockingMode() {
        return snapshotLockingMode;
    }

    /** {@code database.initial.statements}, empty when unset. */
    String initialStatements() {
        return initialStatements;
    }

    /** The config provider reference {@code database.password} names (a secret, never its value), if it is one. */
    Optional<String> passwordReference() {
        return passwordReference;
    }

    /** Debezium's database.ssl.mode as MySQL Connector/J's sslMode. */
    String jdbcSslMode() {
        return switch (sslMode.toLowerCase(java.util.Locale.ROOT)) {
            case "disabled" -> "DISABLED";
            case "preferred" -> "PREFERRED";
            case "required" -> "REQUIRED";
            case "verify_ca" -> "VERIFY_CA";
            case "verify_identity" -> "VERIFY_IDENTITY";
            default ->
                throw new PreflightSettingsException(
                        SSL_MODE + "=" + sslMode
                                + " is not a Debezium SSL mode: use disabled, preferred, required, verify_ca or verify_identity");
        };
    }

    public String target() {
        return user + "@" + host + ":" + port;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ConnectorSettings[" + target() + ", server id " + serverId + "]";
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw new PreflightSettingsException(key + " is missing from the connector configuration: set it as in "
                    + "config/msk/connector.properties");
        }
        if (value.contains("{{")) {
            throw new PreflightSettingsException(key + " still holds a placeholder (" + value
                    + "): give the preflight the RENDERED configuration (msk-deploy render writes it)");
        }
        return value;
    }

    private static String literal(Properties properties, String key, String option) {
        String value = required(properties, key);
        if (value.startsWith("${")) {
            // The reference names a secret, not a value: safe to show.
            throw new PreflightSettingsException(key + " is a config provider reference (" + value
                    + ") that only a Connect worker resolves: pass " + option + " to the preflight");
        }
        return value;
    }

    private static long number(Properties properties, String key, String defaultValue, long min, long max) {
        String value = properties
                .getProperty(key, defaultValue == null ? "" : defaultValue)
                .strip();
        if (value.isEmpty()) {
            throw new PreflightSettingsException(key + " is missing from the connector configuration");
        }
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new PreflightSettingsException(key + "=" + value + " is out of range: use " + min + " to " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new PreflightSettingsException(key + "=" + value + " is not a whole number");
        }
    }
}
