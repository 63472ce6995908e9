package dev.mskcdc.connector.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.config.Field;
import io.debezium.connector.mysql.MySqlConnector;
import io.debezium.pipeline.signal.channels.KafkaSignalChannel;
import io.debezium.storage.kafka.history.KafkaSchemaHistory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference configurations name only keys something reads, and stay within MSK Connect's rules. */
class ReferenceConfigurationTest {

    private static final Path CONFIG = Path.of("config");
    /** Connector-level keys that Kafka Connect itself reads (ConnectorConfig, SourceConnectorConfig). */
    private static final Set<String> CONNECT_KEYS = Set.of(
            "connector.class",
            "tasks.max",
            "config.action.reload",
            "topic.creation.default.replication.factor",
            "topic.creation.default.partitions",
            "transforms",
            // Any other topic.creation.default.<topic config> is passed to the topics Connect creates.
            "topic.creation.default." + org.apache.kafka.common.config.TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
    /** Keys Connect reads for every transform alias, besides the transform's own. */
    private static final Set<String> TRANSFORM_ALIAS_KEYS = Set.of("type", "predicate", "negate");
    /** Debezium passes these prefixes through to its own Kafka clients (schema history, Kafka signal channel). */
    private static final List<String> PASS_THROUGH_PREFIXES =
            List.of("schema.history.internal.producer.", "schema.history.internal.consumer.", "signal.consumer.");
    /** The placeholders agreed with the local stack's renderer (it fails on any other). */
    private static final Set<String> CONNECTOR_PLACEHOLDERS = Set.of(
            "DATABASE_HOST",
            "DATABASE_PORT",
            "DATABASE_SECRET",
            "DATABASE_SERVER_ID",
            "DATABASE_INCLUDE_LIST",
            "TABLE_INCLUDE_LIST",
            "TOPIC_PREFIX",
            "BOOTSTRAP_SERVERS",
            "SIGNAL_DATA_COLLECTION");
    /** The producer.* worker keys MSK Connect accepts (MSK developer guide, "Supported worker configuration properties"). */
    private static final Set<String> MSK_PRODUCER_KEYS = Set.of(
            "producer.acks",
            "producer.batch.size",
            "producer.buffer.memory",
            "producer.compression.type",
            "producer.enable.idempotence",
            "producer.key.serializer",
            "producer.linger.ms",
            "producer.max.request.size",
            "producer.metadata.max.age.ms",
            "producer.metadata.max.idle.ms",
            "producer.partitioner.class",
            "producer.reconnect.backoff.max.ms",
            "producer.reconnect.backoff.ms",
            "producer.request.timeout.ms",
            "producer.retry.backoff.ms",
            "producer.value.serializer");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    @Test
    void everyConnectorKeyIsReadByDebeziumOrByConnect() throws Exception {
        Properties connector = load(CONFIG.resolve("msk/connector.properties"));
        Object configured = Class.forName(connector.getProperty("connector.class"))
                .getDeclaredConstructor()
                .newInstance();
        assertThat(configured).isInstanceOf(MySqlConnector.class);
        Set<String> debeziumKeys =
                new java.util.HashSet<>(((MySqlConnector) configured).config().names());
        // The Kafka schema history storage reads its own keys; the connector's ConfigDef omits them.
        debeziumKeys.addAll(KafkaSchemaHistory.ALL_FIELDS.allFieldNames());
        // So does the Kafka signal channel.
        for (Field field : List.of(
                KafkaSignalChannel.SIGNAL_TOPIC,
                KafkaSignalChannel.BOOTSTRAP_SERVERS,
                KafkaSignalChannel.SIGNAL_POLL_TIMEOUT_MS,
                KafkaSignalChannel.GROUP_ID)) {
            debeziumKeys.add(field.name());
        }
        // internal.custom.retriable.exception (Field.createInternal): read by ErrorHandler, not in the ConfigDef.
        debeziumKeys.add(CommonConnectorConfig.CUSTOM_RETRIABLE_EXCEPTION.name());

        for (String key : connector.stringPropertyNames()) {
            boolean known = debeziumKeys.contains(key)
                    || CONNECT_KEYS.contains(key)
                    || PASS_THROUGH_PREFIXES.stream().anyMatch(key::startsWith)
                    || isKeyOfAConfiguredTransform(connector, key);
            assertThat(known)
                    .as("connector.properties key '%s' is not a Debezium MySQL or Connect key", key)
                    .isTrue();
        }
    }

    /** {@code transforms.<alias>.<name>}: the alias is listed and its transform class defines the name. */
    private static boolean isKeyOfAConfiguredTransform(Properties connector, String key) throws Exception {
        Matcher transformKey = Pattern.compile("transforms\\.([^.]+)\\.(.+)").matcher(key);
        if (!transformKey.matches()) {
            return false;
        }
        String alias = transformKey.group(1);
        String name = transformKey.group(2);
        if (!List.of(connector.getProperty("transforms", "").split("\\s*,\\s*")).contains(alias)) {
            return false;
        }
        if (TRANSFORM_ALIAS_KEYS.contains(name)) {
            return true;
        }
        Class<?> type = Class.forName(connector.getProperty("transforms." + alias + ".type"));
        var transform = (org.apache.kafka.connect.transforms.Transformation<?>)
                type.getDeclaredConstructor().newInstance();
        return transform.config().names().contains(name);
    }

    @Test
    void schemaHistoryAndSignalClientsGetAllTwelveIamSettings() throws IOException {
        Properties connector = load(CONFIG.resolve("msk/connector.properties"));
        for (String prefix :
                List.of("schema.history.internal.producer.", "schema.history.internal.consumer.", "signal.consumer.")) {
            assertThat(connector.getProperty(prefix + "security.protocol")).isEqualTo("SASL_SSL");
            assertThat(connector.getProperty(prefix + "sasl.mechanism")).isEqualTo("AWS_MSK_IAM");
            assertThat(connector.getProperty(prefix + "sasl.jaas.config"))
                    .isEqualTo("software.amazon.msk.auth.iam.IAMLoginModule required;");
            assertThat(connector.getProperty(prefix + "sasl.client.callback.handler.class"))
                    .isEqualTo("software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
    }

    @Test
    void connectorUsesOnlyThePlaceholdersTheLocalStackKnows() throws IOException {
        assertThat(placeholders(CONFIG.resolve("msk/connector.properties"))).isEqualTo(CONNECTOR_PLACEHOLDERS);
    }

    @Test
    void localOverlayOnlyTouchesKeysOfTheMskFileAndRemovesEverySaslSetting() throws IOException {
        Properties connector = load(CONFIG.resolve("msk/connector.properties"));
        Properties overlay = load(CONFIG.resolve("local/connector-overlay.properties"));

        assertThat(connector.stringPropertyNames()).containsAll(overlay.stringPropertyNames());
        Set<String> removed = overlay.stringPropertyNames().stream()
                .filter(key -> overlay.getProperty(key).isEmpty())
                .collect(java.util.stream.Collectors.toSet());
        assertThat(removed)
                .containsExactlyInAnyOrderElementsOf(connector.stringPropertyNames().stream()
                        .filter(key -> key.contains(".sasl."))
                        .toList());
    }

    @Test
    void mskWorkerConfigurationUsesOnlyKeysMskConnectAccepts() throws IOException {
        // From the MSK developer guide, "Supported worker configuration properties".
        List<String> forbiddenPrefixes = List.of(
                "admin.",
                "client.",
                "connect.",
                "internal.",
                "metrics.",
                "rest.",
                "sasl.",
                "security.",
                "ssl.",
                "worker.",
                "log4j.",
                "listeners",
                "plugin.",
                "bootstrap.servers",
                "group.id",
                "config.storage.",
                "status.storage.");
        Properties worker = load(CONFIG.resolve("msk/worker.properties"));

        assertThat(worker.stringPropertyNames())
                .noneMatch(key -> forbiddenPrefixes.stream().anyMatch(key::startsWith));
        assertThat(worker.stringPropertyNames())
                .filteredOn(key -> key.startsWith("producer."))
                .allMatch(MSK_PRODUCER_KEYS::contains);
        assertThat(worker.getProperty("key.converter")).isNotBlank();
        assertThat(worker.getProperty("value.converter")).isNotBlank();
        assertThat(worker.getProperty("offset.storage.topic"))
                .isEqualTo("__amazon_msk_connect_offsets_{{CONNECTOR_NAME}}");
        assertThat(worker.getProperty("config.providers.secretsmanager.class"))
                .isEqualTo("dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider");
    }

    @Test
    void selfHostedWorkerUsesTheSameConvertersAsTheMskWorker() throws IOException {
        Properties msk = load(CONFIG.resolve("msk/worker.properties"));
        Properties selfHosted = load(CONFIG.resolve("self-hosted/connect-distributed.properties"));

        for (String key : msk.stringPropertyNames()) {
            if (key.contains("converter")
                    || key.startsWith("producer.")
                    || key.equals("config.providers")
                    || key.endsWith(".class")
                    || key.endsWith(".param.region")) {
                assertThat(selfHosted.getProperty(key)).as(key).isEqualTo(msk.getProperty(key));
            }
        }
    }

    private static Set<String> placeholders(Path file) throws IOException {
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
        Set<String> names = new java.util.TreeSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
