package dev.mskcdc.packaging;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static dev.mskcdc.packaging.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin ZIP in a real Connect worker, capturing a real binlog: snapshot, then every kind of
 * change, each asserted exactly (topic, key, op, before, after). Steps build on each other.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeCapturePipelineIT {

    private static final String CONNECTOR = "pipeline";
    private static final String PREFIX = "pipe";
    private static final String CUSTOMERS = "pipe.pipeline.customers";
    private static final String ORDERS = "pipe.pipeline.orders";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalStack stack;

    @AutoClose
    private static RunningConnector connector;

    private static ChangeEventConsumer events;

    @BeforeAll
    static void startConnector(LocalStack localStack) {
        stack = localStack;
        stack.database()
                .recreateDatabase(
                        "pipeline",
                        "CREATE TABLE pipeline.customers (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(128))",
                        "INSERT INTO pipeline.customers VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', NULL)");
        // Every test writes after this: rows written before the snapshot has read the table would be snapshotted.
        connector = stack.startConnector(
                ConnectorSpec.of(CONNECTOR, PREFIX, "pipeline", "pipeline\\.customers,pipeline\\.orders"));
        events = connector.events();
    }

    @Test
    @Order(1)
    void snapshotsExistingRowsAsReads() {
        List<ChangeEvent> snapshot = awaitOn(CUSTOMERS, 2);

        assertThat(snapshot).extracting(ChangeEvent::op).containsExactly("r", "r");
        assertThat(snapshot)
                .extracting(ChangeEvent::keyPayload)
                .containsExactly(json("{\"id\":1}"), json("{\"id\":2}"));
        assertThat(snapshot.get(0).before().isNull()).isTrue();
        assertThat(snapshot.get(0).after())
                .isEqualTo(json("{\"id\":1,\"name\":\"Ada\",\"email\":\"ada@example.com\"}"));
        assertThat(snapshot.get(1).after()).isEqualTo(json("{\"id\":2,\"name\":\"Grace\",\"email\":null}"));
    }

    @Test
    @Order(2)
    void streamsInsertUpdateAndDeleteWithTombstone() {
        stack.database()
                .execute(
                        "INSERT INTO pipeline.customers VALUES (3, 'Edsger', 'ew@example.com')",
                        "UPDATE pipeline.customers SET email = 'edsger@example.com' WHERE id = 3",
                        "DELETE FROM pipeline.customers WHERE id = 2");

        List<ChangeEvent> changes = awaitOn(CUSTOMERS, 2 + 4).subList(2, 6);

        assertThat(changes).extracting(ChangeEvent::op).containsExactly("c", "u", "d", null);
        assertThat(changes.get(0).keyPayload()).isEqualTo(json("{\"id\":3}"));
        assertThat(changes.get(0).after())
                .isEqualTo(json("{\"id\":3,\"name\":\"Edsger\",\"email\":\"ew@example.com\"}"));
        assertThat(changes.get(1).before())
                .isEqualTo(json("{\"id\":3,\"name\":\"Edsger\",\"email\":\"ew@example.com\"}"));
        assertThat(changes.get(1).after())
                .isEqualTo(json("{\"id\":3,\"name\":\"Edsger\",\"email\":\"edsger@example.com\"}"));
        assertThat(changes.get(2).keyPayload()).isEqualTo(json("{\"id\":2}"));
        assertThat(changes.get(2).before()).isEqualTo(json("{\"id\":2,\"name\":\"Grace\",\"email\":null}"));
        assertThat(changes.get(2).after().isNull()).isTrue();
        ChangeEvent tombstone = changes.get(3);
        assertThat(tombstone.isTombstone()).isTrue();
        assertThat(tombstone.keyPayload()).isEqualTo(json("{\"id\":2}"));
        assertThat(tombstone.partition()).isEqualTo(changes.get(2).partition());
    }

    @Test
    @Order(3)
    void primaryKeyChangeIsADeleteTombstoneAndCreate() {
        stack.database().execute("UPDATE pipeline.customers SET id = 10 WHERE id = 1");

        List<ChangeEvent> changes = awaitOn(CUSTOMERS, 6 + 3).subList(6, 9);

        assertThat(changes).extracting(ChangeEvent::op).containsExactly("d", null, "c");
        assertThat(changes.get(0).keyPayload()).isEqualTo(json("{\"id\":1}"));
        assertThat(changes.get(0).before())
                .isEqualTo(json("{\"id\":1,\"name\":\"Ada\",\"email\":\"ada@example.com\"}"));
        assertThat(changes.get(0).headers()).containsKey("__debezium.newkey");
        assertThat(changes.get(1).keyPayload()).isEqualTo(json("{\"id\":1}"));
        assertThat(changes.get(2).keyPayload()).isEqualTo(json("{\"id\":10}"));
        assertThat(changes.get(2).after())
                .isEqualTo(json("{\"id\":10,\"name\":\"Ada\",\"email\":\"ada@example.com\"}"));
        assertThat(changes.get(2).headers()).containsKey("__debezium.oldkey");
    }

    @Test
    @Order(4)
    void addedColumnAppearsInLaterEvents() {
        stack.database()
                .execute(
                        "ALTER TABLE pipeline.customers ADD COLUMN tier VARCHAR(16) NOT NULL DEFAULT 'basic'",
                        "INSERT INTO pipeline.customers (id, name, email, tier) VALUES (4, 'Barbara', NULL, 'gold')",
                        "UPDATE pipeline.customers SET tier = 'silver' WHERE id = 3");

        List<ChangeEvent> changes = awaitOn(CUSTOMERS, 9 + 2).subList(9, 11);

        assertThat(changes.get(0).op()).isEqualTo("c");
        assertThat(changes.get(0).after())
                .isEqualTo(json("{\"id\":4,\"name\":\"Barbara\",\"email\":null,\"tier\":\"gold\"}"));
        assertThat(changes.get(1).op()).isEqualTo("u");
        assertThat(changes.get(1).before())
                .isEqualTo(json("{\"id\":3,\"name\":\"Edsger\",\"email\":\"edsger@example.com\",\"tier\":\"basic\"}"));
        assertThat(changes.get(1).after())
                .isEqualTo(json("{\"id\":3,\"name\":\"Edsger\",\"email\":\"edsger@example.com\",\"tier\":\"silver\"}"));
    }

    @Test
    @Order(5)
    void secondTableGetsItsOwnTopic() {
        stack.database()
                .execute(
                        "CREATE TABLE pipeline.orders (order_id BIGINT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(10,2))",
                        "INSERT INTO pipeline.orders VALUES (100, 3, 19.99)");

        List<ChangeEvent> orders = awaitOn(ORDERS, 1);

        assertThat(orders.get(0).op()).isEqualTo("c");
        assertThat(orders.get(0).keyPayload()).isEqualTo(json("{\"order_id\":100}"));
        assertThat(orders.get(0).after().get("customer_id").asInt()).isEqualTo(3);
        assertThat(orders.get(0).after().get("order_id").asLong()).isEqualTo(100L);
        assertThat(orders.get(0).after().has("total")).isTrue();
        assertThat(connector.state()).isEqualTo("RUNNING");
    }

    private static List<ChangeEvent> awaitOn(String topic, int count) {
        return events.pollUntil(received -> onTopic(received, topic).size() >= count, WAIT).stream()
                .filter(event -> event.topic().equals(topic))
                .toList();
    }

    private static List<ChangeEvent> onTopic(List<ChangeEvent> events, String topic) {
        return events.stream().filter(event -> event.topic().equals(topic)).toList();
    }
}
