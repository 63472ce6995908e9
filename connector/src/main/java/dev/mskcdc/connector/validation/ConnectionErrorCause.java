package dev.mskcdc.connector.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Puts back the cause of a connection failure that Debezium 3.6.1's validation drops.
 *
 * <p>When the first query of a new connection fails on a network or login error, Debezium's
 * {@code MySqlConnection.resolveBinaryLogStatusStatement} throws "Failed to establish connection with the database: "
 * with the driver's error only as its cause, and {@code BinlogConnector.validateConnection} reports the message alone.
 * The user then reads an error that ends in a colon. A connector user on {@code caching_sha2_password} (the default
 * of MySQL 8.4 and of accounts created with MySQL 8.0's defaults) hits it without TLS: the driver refuses to fetch
 * the server's RSA key ("Public Key Retrieval is not allowed"). This connects once more, reads the driver's message
 * and, for that case, names the fix.
 */
public final class ConnectionErrorCause {

    /** The message Debezium 3.6.1 gives that error ({@code MySqlConnection}), the cause left out. */
    static final String CAUSE_DROPPED = "Failed to establish connection with the database: ";

    static final String PUBLIC_KEY_RETRIEVAL = "Public Key Retrieval is not allowed";

    static final String PUBLIC_KEY_RETRIEVAL_FIX = " (the user authenticates with caching_sha2_password, which"
            + " without TLS needs the server's RSA public key: set database.ssl.mode=required, as the reference"
            + " configuration does, or database.allowPublicKeyRetrieval=true)";

    private ConnectionErrorCause() {}

    /**
     * Replaces, in {@code configValues}' entry {@code hostnameKey}, each error that ends where Debezium dropped the
     * cause with the same error followed by the driver's message, read from a new connection made by
     * {@code connection}. Entries without such an error are left as they are, and no connection is made.
     */
    public static void restore(
            Map<String, ConfigValue> configValues,
            String hostnameKey,
            Supplier<? extends BinlogConnectorConnection> connection) {
        ConfigValue hostname = configValues.get(hostnameKey);
        if (hostname == null || hostname.errorMessages().stream().noneMatch(ConnectionErrorCause::dropsTheCause)) {
            return;
        }
        String cause = causeOfAnotherAttempt(connection);
        List<String> errors = new ArrayList<>();
        for (String error : hostname.errorMessages()) {
            errors.add(dropsTheCause(error) ? error + cause : error);
        }
        configValues.put(
                hostnameKey, new ConfigValue(hostname.name(), hostname.value(), hostname.recommendedValues(), errors));
    }

    /** The driver's message of a new attempt, with the fix when it is a known one; "unknown" if it now connects. */
    static String causeOfAnotherAttempt(Supplier<? extends BinlogConnectorConnection> connection) {
        try (BinlogConnectorConnection attempt = connection.get()) {
            attempt.connect();
            attempt.execute("SELECT 1");
            return "unknown (a second attempt connected)";
        } catch (Exception failure) {
            return describe(failure);
        }
    }

    /** The first message in {@code failure}'s cause chain that is not Debezium's cause-less one. */
    static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !dropsTheCause(cause.getMessage())) {
                message = cause.getMessage();
                break;
            }
        }
        return message.contains(PUBLIC_KEY_RETRIEVAL) ? message + PUBLIC_KEY_RETRIEVAL_FIX : message;
    }

    private static boolean dropsTheCause(String error) {
        return error.endsWith(CAUSE_DROPPED);
    }
}
