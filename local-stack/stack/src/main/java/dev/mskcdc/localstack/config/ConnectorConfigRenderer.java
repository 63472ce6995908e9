package dev.mskcdc.localstack.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * Renders a connector configuration from the plugin's reference files: {@code etc/msk/connector.properties} with the
 * local overlay ({@code etc/local/connector-overlay.properties}) on top, filled in with the stack's endpoints and a
 * {@link ConnectorSpec}. Pure: it reads the two files and nothing else; creating what the configuration names (the
 * signal table and topic) is the caller's separate step.
 */
public final class ConnectorConfigRenderer {

    /** The signal table each local connector config names, in the first database of its include list. */
    public static final String SIGNAL_TABLE = "debezium_signal";

    /** The smallest {@code database.server.id} a local connector gets; the database's own id is below it. */
    static final int FIRST_SERVER_ID = 184054;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");

    /** Where the stack's parts answer: what a connector configuration needs to reach them. */
    public record Endpoints(
            Path etc, String databaseHost, int databasePort, String databaseSecret, String bootstrapServers) {}

    private ConnectorConfigRenderer() {}

    public static Map<String, String> render(Endpoints endpoints, ConnectorSpec spec) {
        Map<String, String> variables = new HashMap<>();
        variables.put("DATABASE_HOST", endpoints.databaseHost());
        variables.put("DATABASE_PORT", Integer.toString(endpoints.databasePort()));
        variables.put("DATABASE_SECRET", endpoints.databaseSecret());
        variables.put("DATABASE_SERVER_ID", Integer.toString(serverId(spec)));
        variables.put("DATABASE_INCLUDE_LIST", spec.databaseIncludeList());
        variables.put("TABLE_INCLUDE_LIST", spec.tableIncludeList());
        variables.put("TOPIC_PREFIX", spec.topicPrefix());
        variables.put("BOOTSTRAP_SERVERS", endpoints.bootstrapServers());
        variables.put("SIGNAL_DATA_COLLECTION", signalDataCollection(spec.databaseIncludeList()));
        Map<String, String> config = new LinkedHashMap<>(ConfigTemplate.overlay(
                ConfigTemplate.render(endpoints.etc().resolve("msk/connector.properties"), variables),
                endpoints.etc().resolve("local/connector-overlay.properties"),
                variables));
        spec.overrides().forEach((key, value) -> {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        return config;
    }

    /** {@code <first database of the include list>.debezium_signal}. */
    public static String signalDataCollection(String databaseIncludeList) {
        String database = databaseIncludeList.split(",")[0].strip();
        if (!PLAIN_NAME.matcher(database).matches()) {
            throw new LocalStackException("The local stack puts the signal table into the first database of"
                    + " database.include.list, which must then be a plain name, not '" + database + "'.");
        }
        return database + "." + SIGNAL_TABLE;
    }

    /**
     * Each connector needs its own replica server id, or the database drops the older binlog reader: derived from the
     * connector's name and topic prefix, so the same spec always renders the same configuration.
     */
    static int serverId(ConnectorSpec spec) {
        return FIRST_SERVER_ID + Math.floorMod((spec.name() + "/" + spec.topicPrefix()).hashCode(), 1_000_000_000);
    }
}
