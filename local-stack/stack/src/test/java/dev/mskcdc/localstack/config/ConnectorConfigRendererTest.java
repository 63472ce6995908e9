package dev.mskcdc.localstack.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mskcdc.localstack.process.LocalStackException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorConfigRendererTest {

    @TempDir
    Path etc;

    private ConnectorConfigRenderer.Endpoints endpoints;

    @BeforeEach
    void referenceFiles() throws IOException {
        Files.createDirectories(etc.resolve("msk"));
        Files.createDirectories(etc.resolve("local"));
        Files.writeString(etc.resolve("msk/connector.properties"), """
                database.hostname={{DATABASE_HOST}}
                database.port={{DATABASE_PORT}}
                database.password=${secretsmanager:{{DATABASE_SECRET}}:password}
                database.server.id={{DATABASE_SERVER_ID}}
                database.include.list={{DATABASE_INCLUDE_LIST}}
                table.include.list={{TABLE_INCLUDE_LIST}}
                topic.prefix={{TOPIC_PREFIX}}
                signal.kafka.bootstrap.servers={{BOOTSTRAP_SERVERS}}
                signal.kafka.topic={{TOPIC_PREFIX}}-signals
                signal.data.collection={{SIGNAL_DATA_COLLECTION}}
                snapshot.mode=initial
                """);
        Files.writeString(etc.resolve("local/connector-overlay.properties"), """
                signal.consumer.security.protocol=
                """);
        endpoints = new ConnectorConfigRenderer.Endpoints(etc, "127.0.0.1", 3307, "local/db", "127.0.0.1:9092");
    }

    @Test
    void rendersTheReferenceWithTheSpecAndTheEndpoints() {
        ConnectorSpec spec = ConnectorSpec.of("shop-connector", "shop", "shop,audit", "shop\\.orders")
                .with("snapshot.mode", "no_data")
                .without("signal.kafka.topic");

        Map<String, String> config = ConnectorConfigRenderer.render(endpoints, spec);

        assertThat(config)
                .containsEntry("database.hostname", "127.0.0.1")
                .containsEntry("database.port", "3307")
                .containsEntry("database.password", "${secretsmanager:local/db:password}")
                .containsEntry("database.include.list", "shop,audit")
                .containsEntry("table.include.list", "shop\\.orders")
                .containsEntry("topic.prefix", "shop")
                .containsEntry("signal.kafka.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("signal.data.collection", "shop.debezium_signal")
                .containsEntry("snapshot.mode", "no_data")
                .doesNotContainKey("signal.kafka.topic");
        assertThat(Integer.parseInt(config.get("database.server.id")))
                .isGreaterThanOrEqualTo(ConnectorConfigRenderer.FIRST_SERVER_ID);
    }

    @Test
    void theSameSpecRendersTheSameConfigAndAnotherConnectorGetsAnotherServerId() {
        ConnectorSpec spec = ConnectorSpec.of("a", "a", "shop", "shop\\..*");

        assertThat(ConnectorConfigRenderer.render(endpoints, spec))
                .isEqualTo(ConnectorConfigRenderer.render(endpoints, spec));
        assertThat(ConnectorConfigRenderer.render(endpoints, spec).get("database.server.id"))
                .isNotEqualTo(ConnectorConfigRenderer.render(endpoints, ConnectorSpec.of("b", "a", "shop", "shop\\..*"))
                        .get("database.server.id"));
    }

    @Test
    void signalTableGoesIntoTheFirstCapturedDatabase() {
        assertThat(ConnectorConfigRenderer.signalDataCollection("shop,audit")).isEqualTo("shop.debezium_signal");
        assertThatThrownBy(() -> ConnectorConfigRenderer.signalDataCollection("shop_.*"))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("must then be a plain name");
    }
}
