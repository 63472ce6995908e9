package dev.mskcdc.transforms;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the reference chain exactly as README.md shows it, the way a worker builds a chain. */
class ReferenceChainTest {

    private final List<Step> chain = new ArrayList<>();

    /** One configured transform and its optional predicate. */
    private record Step(Transformation<SourceRecord> transform, Predicate<SourceRecord> predicate, boolean negate) {
        SourceRecord apply(SourceRecord record) {
            if (predicate != null && predicate.test(record) == negate) {
                return record;
            }
            return transform.apply(record);
        }
    }

    @BeforeEach
    void buildChainFromReadme() throws Exception {
        Properties props = readmeReferenceProperties();
        for (String alias : props.getProperty("transforms").split(",")) {
            String prefix = "transforms." + alias.trim() + ".";
            Transformation<SourceRecord> transform = instantiate(props.getProperty(prefix + "type"));
            transform.configure(withPrefix(props, prefix));
            String predicateAlias = props.getProperty(prefix + "predicate");
            Predicate<SourceRecord> predicate = null;
            if (predicateAlias != null) {
                predicate = instantiate(props.getProperty("predicates." + predicateAlias + ".type"));
                predicate.configure(withPrefix(props, "predicates." + predicateAlias + "."));
            }
            chain.add(new Step(transform, predicate, Boolean.parseBoolean(props.getProperty(prefix + "negate"))));
        }
    }

    private SourceRecord run(SourceRecord record) {
        SourceRecord current = record;
        for (Step step : chain) {
            if (current == null) {
                return null;
            }
            current = step.apply(current);
        }
        return current;
    }

    @Test
    void shardsMergeWithShardInKey() {
        SourceRecord out = run(new DebeziumRecords("shop", "inventory", "orders_12").create(7, "new"));
        assertThat(out.topic()).isEqualTo("shop.inventory.orders");
        assertThat(((Struct) out.key()).getString("__shard")).isEqualTo("12");
        assertThat(((Struct) out.key()).getInt32("id")).isEqualTo(7);
    }

    @Test
    void deleteAndTombstoneOfAShardLandTogether() {
        DebeziumRecords shard = new DebeziumRecords("shop", "inventory", "orders_3");
        SourceRecord delete = run(shard.delete(5, "paid"));
        SourceRecord tombstone = run(shard.tombstone(5));
        assertThat(tombstone.topic()).isEqualTo(delete.topic()).isEqualTo("shop.inventory.orders");
        assertThat(tombstone.key()).isEqualTo(delete.key());
        assertThat(tombstone.kafkaPartition()).isEqualTo(delete.kafkaPartition());
    }

    @Test
    void otherTablesKeepTheirNameLowerCased() {
        assertThat(run(DebeziumRecords.orders().create(1, "x")).topic()).isEqualTo("shop.inventory.orders");
        assertThat(run(DebeziumRecords.orders().create(1, "x")).key())
                .isEqualTo(DebeziumRecords.orders().key(1));
        assertThat(run(new DebeziumRecords("shop", "inventory", "items_2024").create(1, "x"))
                        .topic())
                .isEqualTo("shop.inventory.items_2024");
        assertThat(run(new DebeziumRecords("shop", "Sales", "Invoices").update(1, "a", "b"))
                        .topic())
                .isEqualTo("shop.sales.invoices");
    }

    @Test
    void truncatesAuditTablesAndTestCustomersAreDropped() {
        assertThat(run(DebeziumRecords.orders().change("t", null, null, 1, "false")))
                .isNull();
        assertThat(run(new DebeziumRecords("shop", "inventory", "audit_log").create(1, "x")))
                .isNull();
        assertThat(run(customer("qa@test.example"))).isNull();
    }

    @Test
    void customerKeysAreCaseFolded() {
        SourceRecord out = run(customer("Bob@X.com"));
        assertThat(out.topic()).isEqualTo("shop.crm.customers");
        assertThat(((Struct) out.key()).getString("email")).isEqualTo("bob@x.com");
    }

    @Test
    void controlRecordsAreUntouched() {
        DebeziumRecords orders = DebeziumRecords.orders();
        for (SourceRecord record :
                new SourceRecord[] {orders.heartbeat(), orders.schemaChange(), orders.transaction("END")}) {
            assertThat(run(record)).isSameAs(record);
        }
    }

    private static SourceRecord customer(String email) {
        DebeziumRecords customers = new DebeziumRecords("shop", "crm", "customers");
        Struct row = customers.row(1, "active").put("email", email);
        SourceRecord create = customers.change("c", null, row, 1, "false");
        Schema keySchema = SchemaBuilder.struct()
                .name("shop.crm.customers.Key")
                .field("email", Schema.STRING_SCHEMA)
                .build();
        return create.newRecord(
                create.topic(),
                null,
                keySchema,
                new Struct(keySchema).put("email", email),
                create.valueSchema(),
                create.value(),
                create.timestamp());
    }

    static Properties readmeReferenceProperties() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Reference chain");
        int start = readme.indexOf("```properties\n", section) + "```properties\n".length();
        int end = readme.indexOf("```", start);
        Properties props = new Properties();
        props.load(new StringReader(readme.substring(start, end)));
        return props;
    }

    private static Map<String, String> withPrefix(Properties props, String prefix) {
        Map<String, String> config = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                config.put(name.substring(prefix.length()), props.getProperty(name));
            }
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    private static <T> T instantiate(String className) throws ReflectiveOperationException {
        return (T) Class.forName(className).getDeclaredConstructor().newInstance();
    }
}
