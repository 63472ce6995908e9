package dev.mskcdc.connector.preflight;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.mskcdc.localstack.config.ConfigTemplate;

/** The shipped connector configuration rendered for a local database, as the local stack renders it. */
final class RenderedConnectorConfig {

    static final Path MSK_CONNECTOR = Path.of("config/msk/connector.properties");
    static final Path LOCAL_OVERLAY = Path.of("config/local/connector-overlay.properties");

    static Map<String, String> variables(String host, int port) {
        Map<String, String> variables = new HashMap<>();
        variables.put("DATABASE_HOST", host);
        variables.put("DATABASE_PORT", String.valueOf(port));
        variables.put("DATABASE_SECRET", "local/cdc");
        variables.put("DATABASE_SERVER_ID", "184001");
        variables.put("DATABASE_INCLUDE_LIST", "shop");
        variables.put("TABLE_INCLUDE_LIST", "shop\\.orders,shop\\.order_lines");
        variables.put("TOPIC_PREFIX", "shop");
        variables.put("BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        variables.put("SIGNAL_DATA_COLLECTION", "shop.debezium_signal");
        return variables;
    }

    /** Writes the rendered file into directory and returns its path. */
    static Path write(Path directory, Map<String, String> variables) {
        Path file = directory.resolve("connector.properties");
        ConfigTemplate.write(ConfigTemplate.render(MSK_CONNECTOR, variables), file);
        return file;
    }

    private RenderedConnectorConfig() {}
}
