package dev.mskcdc.connector.rotation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Connect restart a connector's task when the database credentials' secret is rotated.
 *
 * <p>A task holds the password Connect resolved when the task started, and Debezium 3.6.1 never asks for it again,
 * so after a single-user rotation its next reconnect fails. Connect restarts a task when the configuration the
 * connector generates for it differs from the stored one ({@code AbstractHerder.taskConfigsChanged}, Connect 3.7.2).
 * Config provider values alone do not make that difference reliably: Connect stores task configurations with the
 * provider references written back ({@code AbstractHerder.reverseTransform}); the applied-configuration check of
 * KAFKA-9228 (3.7.1+) resolves the stored side once, at its first comparison after the task configuration was
 * written ({@code AppliedConnectorConfig.transformedConfig}), so a rotation before that first comparison (within the
 * first TTL after a task start) goes unseen, and Connect 3.7.0 has no such check at all.
 *
 * <p>So the connector copies a fingerprint (SHA-256) of the resolved {@value #CREDENTIALS_VERSION} into each task
 * configuration under {@value #TASK_CREDENTIALS_VERSION}, a key the connector configuration does not have and Connect
 * therefore stores as it is. The reference configuration sets {@value #CREDENTIALS_VERSION} to the secret's VersionId
 * ({@code ${secretsmanager:<secret>:@VersionId}}), which changes at every rotation. With a provider TTL and
 * {@code config.action.reload=restart}, Connect restarts the connector when the TTL runs out
 * ({@code WorkerConfigTransformer}); if the secret has a new version by then, the task configuration differs and
 * Connect restarts the task, which then resolves the password again. Only a fingerprint is stored, so even a
 * mistaken reference (the whole secret) never reaches the task configuration or Connect's REST API.
 */
public final class CredentialsVersion {

    /** Connector setting: an identifier that changes when the database credentials change. */
    public static final String CREDENTIALS_VERSION = "mskcdc.credentials.version";

    /** Task setting the connector adds: the fingerprint of the resolved {@link #CREDENTIALS_VERSION}. */
    public static final String TASK_CREDENTIALS_VERSION = "mskcdc.task.credentials.version";

    private static final String PASSWORD = "database.password";
    private static final Logger log = LoggerFactory.getLogger(CredentialsVersion.class);

    private final String version;

    private CredentialsVersion(String version) {
        this.version = version;
    }

    /**
     * Reads {@value #CREDENTIALS_VERSION} from the connector's resolved configuration.
     *
     * @throws ConfigException when it resolves to the database password itself, which would then be stored in the
     *     task configuration and shown by Connect's REST API
     */
    public static CredentialsVersion from(Map<String, String> connectorConfig) {
        String version = connectorConfig.getOrDefault(CREDENTIALS_VERSION, "").strip();
        if (version.isEmpty()) {
            log.warn(
                    "{} is not set: after the database password is rotated, the task keeps the old one until it is"
                            + " restarted. Set it to ${secretsmanager:<secret>:@VersionId} (connector/README.md, \"Secret"
                            + " rotation\").",
                    CREDENTIALS_VERSION);
        } else if (version.equals(connectorConfig.get(PASSWORD))) {
            throw new ConfigException(CREDENTIALS_VERSION + " resolves to the value of " + PASSWORD
                    + ", which would be stored in the task configuration: reference the secret's version instead,"
                    + " ${secretsmanager:<secret>:@VersionId}");
        }
        return new CredentialsVersion(version.isEmpty() ? "" : fingerprint(version));
    }

    /** The hex SHA-256 of {@code version}: what the task configuration holds. */
    public static String fingerprint(String version) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(version.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The task configurations with {@value #TASK_CREDENTIALS_VERSION} added (unchanged when no version is set). */
    public List<Map<String, String>> addTo(List<Map<String, String>> taskConfigs) {
        if (version.isEmpty()) {
            return taskConfigs;
        }
        return taskConfigs.stream()
                .map(taskConfig -> {
                    Map<String, String> withVersion = new HashMap<>(taskConfig);
                    withVersion.put(TASK_CREDENTIALS_VERSION, version);
                    return Map.copyOf(withVersion);
                })
                .toList();
    }

    /** {@code definition} with {@value #CREDENTIALS_VERSION} added. */
    public static ConfigDef define(ConfigDef definition) {
        return new ConfigDef(definition)
                .define(
                        CREDENTIALS_VERSION,
                        ConfigDef.Type.STRING,
                        "",
                        ConfigDef.Importance.MEDIUM,
                        "An identifier that changes whenever the database credentials change, normally"
                                + " ${secretsmanager:<secret>:@VersionId}. The connector copies a SHA-256 fingerprint"
                                + " of its resolved value into the task configuration, so when Connect restarts the connector after a"
                                + " config provider TTL (config.action.reload=restart) and the secret has been"
                                + " rotated, the task configuration differs and Connect restarts the task with the"
                                + " new password. Empty: the task keeps its password until it is restarted. Never"
                                + " set it to the password itself.");
    }
}
