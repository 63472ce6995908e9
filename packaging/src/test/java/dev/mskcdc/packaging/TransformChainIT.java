package dev.mskcdc.packaging;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * The reference connector with the reference transform chain of doc/transforms/README.md (read from
 * the ZIP) over real Debezium events: sharded tables merged with a shard key field, topics lower-cased,
 * test customers and audit tables dropped, customer keys made canonical for a case-insensitive column.
 */
@ExtendWith(LocalStackExtension.class)
class TransformChainIT {

    private static final String CONNECTOR = "transform-chain";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalStack stack;

    @AutoClose
    private static RunningConnector connector;

    private static ChangeEventConsumer events;
    private static List<ChangeEvent> received;

    @BeforeAll
    static void runTheChain(LocalStack localStack) throws IOException {
        stack = localStack;
        stack.database().recreateDatabase("crm");
        stack.database().recreateDatabase("Sales");
        stack.database()
                .recreateDatabase(
                        "inventory",
                        "CREATE TABLE inventory.orders_0 (id INT PRIMARY KEY, total INT)",
                        "CREATE TABLE inventory.orders_1 (id INT PRIMARY KEY, total INT)",
                        "CREATE TABLE inventory.audit_log (id INT PRIMARY KEY, action VARCHAR(32))",
                        // As the README's chain assumes: the case-insensitive e-mail is the key.
                        "CREATE TABLE crm.customers (email VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
                                + " PRIMARY KEY, id INT NOT NULL)",
                        "CREATE TABLE Sales.Invoices (id INT PRIMARY KEY, amount INT)",
                        "INSERT INTO inventory.orders_0 VALUES (7, 70)",
                        "INSERT INTO inventory.orders_1 VALUES (7, 71)",
                        "INSERT INTO inventory.audit_log VALUES (1, 'snapshot')",
                        "INSERT INTO crm.customers VALUES ('Bob@X.com', 1), ('probe@test.example', 2)");

        ConnectorSpec spec = ConnectorSpec.of(
                        CONNECTOR, "shop", "inventory,crm,Sales", "inventory\\..*,crm\\..*,Sales\\..*")
                .with(readmeChain());
        connector = stack.startConnector(
                stack.worker(), spec, Pattern.compile("shop\\..*"), RunningConnector.Await.RUNNING);
        events = connector.events();
        events.pollUntil(
                all -> count(all, "shop.inventory.orders") >= 2 && count(all, "shop.crm.customers") >= 1, WAIT);
        stack.database()
                .execute(
                        "INSERT INTO inventory.audit_log VALUES (2, 'stream')",
                        "INSERT INTO inventory.orders_1 VALUES (8, 80)",
                        "INSERT INTO crm.customers VALUES ('other@test.example', 3)",
                        "DELETE FROM crm.customers WHERE id = 1",
                        "INSERT INTO Sales.Invoices VALUES (100, 5)");
        received = events.pollUntil(all -> count(all, "shop.sales.invoices") >= 1, WAIT);
    }

    @Test
    void shardedTablesMergeIntoOneTopicWithTheShardInTheKey() {
        List<ChangeEvent> orders = on("shop.inventory.orders");

        assertThat(orders)
                .extracting(ChangeEvent::keyPayload)
                .containsExactly(
                        json("{\"id\":7,\"__shard\":\"0\"}"),
                        json("{\"id\":7,\"__shard\":\"1\"}"),
                        json("{\"id\":8,\"__shard\":\"1\"}"));
        assertThat(orders).extracting(ChangeEvent::op).containsExactly("r", "r", "c");
        assertThat(topics()).noneMatch(topic -> topic.matches("shop\\.inventory\\.orders_\\d+"));
    }

    @Test
    void auditTablesAndTestCustomersAreDropped() {
        assertThat(topics()).noneMatch(topic -> topic.contains("audit"));
        assertThat(on("shop.crm.customers"))
                .noneMatch(event -> !event.isTombstone()
                        && (event.after().toString().contains("test.example")
                                || event.before().toString().contains("test.example")));
    }

    @Test
    void customerKeysAreCanonicalAndTheTombstoneFollowsItsDelete() {
        List<ChangeEvent> customers = on("shop.crm.customers");

        assertThat(customers).extracting(ChangeEvent::op).containsExactly("r", "d", null);
        assertThat(customers).extracting(ChangeEvent::keyPayload).containsOnly(json("{\"email\":\"bob@x.com\"}"));
        assertThat(customers.get(2).partition()).isEqualTo(customers.get(1).partition());
        assertThat(customers.get(0).after().path("email").asText()).isEqualTo("Bob@X.com");
    }

    @Test
    void mixedCaseTablesGetLowerCaseTopics() {
        List<ChangeEvent> invoices = on("shop.sales.invoices");

        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).keyPayload()).isEqualTo(json("{\"id\":100}"));
        assertThat(topics()).doesNotContain("shop.Sales.Invoices");
    }

    /** The properties block under "Reference chain" in the transforms README shipped in the ZIP. */
    private static Map<String, String> readmeChain() throws IOException {
        String readme = PluginZip.read(PluginZip.topLevelDirectory() + "/doc/transforms/README.md");
        int section = readme.indexOf("## Reference chain");
        int start = readme.indexOf("```properties", section) + "```properties".length();
        int end = readme.indexOf("```", start);
        Properties chain = new Properties();
        chain.load(new StringReader(readme.substring(start, end)));
        Map<String, String> entries = new HashMap<>();
        chain.forEach((key, value) -> entries.put((String) key, (String) value));
        assertThat(entries).containsKeys("transforms", "predicates");
        return entries;
    }

    private static List<ChangeEvent> on(String topic) {
        return received.stream().filter(event -> event.topic().equals(topic)).toList();
    }

    private static List<String> topics() {
        return received.stream().map(ChangeEvent::topic).distinct().toList();
    }

    private static long count(List<ChangeEvent> all, String topic) {
        return all.stream().filter(event -> event.topic().equals(topic)).count();
    }
}
