package dev.mskcdc.transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import dev.mskcdc.transforms.filter.ChangeFilter;
import dev.mskcdc.transforms.filter.ChangeMatches;
import dev.mskcdc.transforms.keys.NormalizeKey;
import dev.mskcdc.transforms.records.RecordKind;
import dev.mskcdc.transforms.records.RecordKinds;
import dev.mskcdc.transforms.routing.TopicRouter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random tables (key schemas of 1-3 fields of random types), random event streams (all
 * operations, deletes followed by tombstones, heartbeats, schema changes, transaction
 * records, foreign records, schemaless copies) and random valid settings, through the chain
 * route -> filter -> key. Nothing may throw, and every tombstone ends exactly like its delete.
 */
class ChainPropertiesTest {

    private static final int TRIES = 150;

    /** One generated key column. */
    record Column(String name, Schema.Type type) {}

    /** Settings for the three transforms, all valid for any generated table. */
    record Settings(Map<String, String> router, Map<String, String> filter, Map<String, String> key) {}

    /** What happens next in the stream: an operation or a non-data record, for a row id. */
    record Step(String what, int id, boolean schemaless) {}

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void chainNeverThrowsAndTombstonesFollowTheirDelete(
            @ForAll("tables") List<Column> columns,
            @ForAll("shards") int shard,
            @ForAll("settings") Settings settings,
            @ForAll("steps") List<Step> steps) {
        Table table = new Table(columns, shard);
        TopicRouter<SourceRecord> router = new TopicRouter<>();
        ChangeFilter<SourceRecord> filter = new ChangeFilter<>();
        NormalizeKey<SourceRecord> key = new NormalizeKey<>();
        router.configure(settings.router());
        filter.configure(settings.filter());
        key.configure(settings.key());

        SourceRecord lastDeleteOut = null;
        boolean lastWasDelete = false;
        for (Step step : steps) {
            for (SourceRecord in : table.records(step)) {
                SourceRecord routed = router.apply(in);
                SourceRecord filtered = routed == null ? null : filter.apply(routed);
                SourceRecord out = filtered == null ? null : key.apply(filtered);
                RecordKind kind = RecordKinds.of(in);
                if (kind == RecordKind.TOMBSTONE && lastWasDelete) {
                    assertFollows(settings.filter().get("tombstones"), lastDeleteOut, out);
                }
                if (kind != RecordKind.DATA_CHANGE && kind != RecordKind.TOMBSTONE) {
                    assertThat(routed).isSameAs(in);
                    assertThat(out).isIn(null, in);
                }
                lastWasDelete = kind == RecordKind.DATA_CHANGE && step.what().equals("d");
                lastDeleteOut = out;
            }
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void predicateMatchesTombstonesExactlyWhenTheirDeleteMatched(
            @ForAll("tables") List<Column> columns,
            @ForAll("conditions") String condition,
            @ForAll("steps") List<Step> steps) {
        Table table = new Table(columns, 0);
        ChangeMatches<SourceRecord> predicate = new ChangeMatches<>();
        predicate.configure(Map.of("condition", condition));
        Boolean deleteMatched = null;
        for (Step step : steps) {
            for (SourceRecord in : table.records(step)) {
                boolean matches = predicate.test(in);
                RecordKind kind = RecordKinds.of(in);
                if (kind == RecordKind.TOMBSTONE && deleteMatched != null) {
                    assertThat(matches).isEqualTo(deleteMatched);
                }
                if (kind != RecordKind.DATA_CHANGE && kind != RecordKind.TOMBSTONE) {
                    assertThat(matches).isFalse();
                }
                deleteMatched = kind == RecordKind.DATA_CHANGE && step.what().equals("d") ? matches : null;
            }
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void foreignRecordsPassEveryTransformUntouched(
            @ForAll("tables") List<Column> columns, @ForAll("settings") Settings settings) {
        Schema schema = new Table(columns, 0).keySchema;
        Struct value = new Table(columns, 0).randomRow(schema, 3);
        SourceRecord foreign =
                new SourceRecord(Map.of(), Map.of(), "shop.inventory.orders", null, schema, value, schema, value);
        TopicRouter<SourceRecord> router = new TopicRouter<>();
        ChangeFilter<SourceRecord> filter = new ChangeFilter<>();
        NormalizeKey<SourceRecord> key = new NormalizeKey<>();
        router.configure(settings.router());
        filter.configure(settings.filter());
        key.configure(settings.key());
        assertThat(router.apply(foreign)).isSameAs(foreign);
        assertThat(filter.apply(foreign)).isSameAs(foreign);
        assertThat(key.apply(foreign)).isSameAs(foreign);
    }

    /** 'follow' (the default): kept or dropped with the delete; 'keep'/'drop': as asked, placed like the delete. */
    private static void assertFollows(String policy, SourceRecord delete, SourceRecord tombstone) {
        if (policy.equals("drop")) {
            assertThat(tombstone).as("tombstone under tombstones=drop").isNull();
            return;
        }
        if (policy.equals("keep") && delete == null) {
            assertThat(tombstone).as("tombstone under tombstones=keep").isNotNull();
            return;
        }
        if (delete == null) {
            assertThat(tombstone).as("tombstone of a dropped delete").isNull();
            return;
        }
        assertThat(tombstone).as("tombstone of a kept delete").isNotNull();
        assertThat(tombstone.topic()).isEqualTo(delete.topic());
        assertThat(tombstone.key()).usingRecursiveComparison().isEqualTo(delete.key());
        assertThat(tombstone.keySchema()).isEqualTo(delete.keySchema());
        assertThat(tombstone.kafkaPartition()).isEqualTo(delete.kafkaPartition());
    }

    @Provide
    Arbitrary<List<Column>> tables() {
        Arbitrary<String> names = Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(n -> !n.equals("status"));
        Arbitrary<Schema.Type> types = Arbitraries.of(
                Schema.Type.INT32, Schema.Type.INT64, Schema.Type.STRING, Schema.Type.BYTES, Schema.Type.BOOLEAN);
        return Combinators.combine(names, types)
                .as(Column::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements(Column::name);
    }

    @Provide
    Arbitrary<Integer> shards() {
        return Arbitraries.integers().between(-1, 63);
    }

    @Provide
    Arbitrary<String> conditions() {
        return Arbitraries.of(
                "",
                "op = 'c'",
                "op in ('u', 'd')",
                "before.status = 'paid' or after.status = 'paid'",
                "not (after.status like 'p%')",
                "source.snapshot = 'true'",
                "after.nothing is null",
                "before.status is not null and (op = 'd' or op = 'u')",
                "source.table matches '[a-z]+(_\\d+)?'");
    }

    @Provide
    Arbitrary<Settings> settings() {
        Arbitrary<Map<String, String>> router = Combinators.combine(
                        Arbitraries.of("${prefix}.${db}.${table}", "${db}.${table}", "all-${table}", "$2_$3"),
                        Arbitraries.of("none", "lower", "upper"),
                        Arbitraries.of("true", "false"),
                        Arbitraries.of("", "__shard"))
                .as((replacement, folding, strip, shardField) -> {
                    Map<String, String> props = new HashMap<>();
                    props.put("regex", "(?<prefix>[^.]+)\\.(?<db>[^.]+)\\.(?<table>[a-z]+)(?:_(?<shard>\\d+))?");
                    props.put("replacement", replacement);
                    props.put("topic.case", folding);
                    props.put("prefix.strip", strip);
                    props.put("shard.key.field", shardField);
                    return props;
                });
        Arbitrary<Map<String, String>> filter = Combinators.combine(
                        conditions(),
                        Arbitraries.of("", "r", "d", "c,u", "t"),
                        Arbitraries.of("", "shop*.*", "*.orders*", "nomatch.*"),
                        Arbitraries.of("follow", "follow", "keep", "drop"),
                        Arbitraries.of("keep", "drop"))
                .as((condition, excluded, tables, tombstones, others) -> {
                    Map<String, String> props = new HashMap<>();
                    props.put("condition", condition);
                    props.put("ops.exclude", excluded);
                    props.put("tables.exclude", tables);
                    props.put("tombstones", tombstones);
                    props.put("heartbeats", others);
                    props.put("schema.changes", others);
                    return props;
                });
        Arbitrary<Map<String, String>> key = Combinators.combine(
                        Arbitraries.of("struct", "string", "hash"),
                        Arbitraries.integers().between(0, 16),
                        Arbitraries.of("none", "lower", "upper"))
                .as((output, partitions, nameCase) -> Map.of(
                        "output", output, "partitions", String.valueOf(partitions), "field.name.case", nameCase));
        return Combinators.combine(router, filter, key).as(Settings::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.of("c", "u", "d", "r", "t", "heartbeat", "schema", "tx", "pkchange"),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.of(false, false, true))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }

    /** A generated table and the Debezium records its changes produce. */
    static final class Table {
        final List<Column> columns;
        final Schema keySchema;
        final Schema rowSchema;
        final Schema envelopeSchema;
        final DebeziumRecords control;
        final String topic;

        Table(List<Column> columns, int shard) {
            this.columns = columns;
            String table = shard < 0 ? "orders" : "orders_" + shard;
            topic = "shop.inventory." + table;
            control = new DebeziumRecords("shop", "inventory", table);
            SchemaBuilder key = SchemaBuilder.struct().name(topic + ".Key");
            SchemaBuilder row = SchemaBuilder.struct().name(topic + ".Value").optional();
            for (Column column : columns) {
                Schema schema = primitive(column.type());
                key.field(column.name(), schema);
                row.field(column.name(), schema);
            }
            keySchema = key.build();
            rowSchema = row.field("status", Schema.OPTIONAL_STRING_SCHEMA).build();
            envelopeSchema = SchemaBuilder.struct()
                    .name(topic + ".Envelope")
                    .field("before", rowSchema)
                    .field("after", rowSchema)
                    .field("source", DebeziumRecords.SOURCE)
                    .field("op", Schema.STRING_SCHEMA)
                    .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                    .build();
        }

        private static Schema primitive(Schema.Type type) {
            return switch (type) {
                case INT32 -> Schema.INT32_SCHEMA;
                case INT64 -> Schema.INT64_SCHEMA;
                case STRING -> Schema.STRING_SCHEMA;
                case BYTES -> Schema.BYTES_SCHEMA;
                default -> Schema.BOOLEAN_SCHEMA;
            };
        }

        Struct randomRow(Schema schema, int id) {
            Struct struct = new Struct(schema);
            for (Field field : schema.fields()) {
                struct.put(
                        field,
                        switch (field.schema().type()) {
                            case INT32 -> id;
                            case INT64 -> (long) id * 31;
                            case STRING ->
                                field.name().equals("status") ? (id % 2 == 0 ? "paid" : "new") : "Row|" + id + " ";
                            case BYTES -> new byte[] {(byte) id, 0};
                            default -> id % 2 == 0;
                        });
            }
            return struct;
        }

        List<SourceRecord> records(Step step) {
            List<SourceRecord> records = new ArrayList<>();
            int id = step.id();
            switch (step.what()) {
                case "c" -> records.add(change("c", null, randomRow(rowSchema, id), id));
                case "r" -> records.add(change("r", null, randomRow(rowSchema, id), id));
                case "u" -> records.add(change("u", randomRow(rowSchema, id), randomRow(rowSchema, id + 1), id));
                case "t" -> records.add(keyless(change("t", null, null, id)));
                case "d" -> {
                    records.add(change("d", randomRow(rowSchema, id), null, id));
                    records.add(tombstone(id));
                }
                case "pkchange" -> {
                    SourceRecord delete = change("d", randomRow(rowSchema, id), null, id);
                    delete.headers().add("__debezium.newkey", randomRow(keySchema, id + 10), keySchema);
                    SourceRecord create = change("c", null, randomRow(rowSchema, id + 10), id + 10);
                    create.headers().add("__debezium.oldkey", randomRow(keySchema, id), keySchema);
                    records.add(delete);
                    records.add(tombstone(id));
                    records.add(create);
                }
                case "heartbeat" -> records.add(control.heartbeat());
                case "schema" -> records.add(control.schemaChange());
                default -> records.add(control.transaction(id % 2 == 0 ? "BEGIN" : "END"));
            }
            return step.schemaless()
                    ? records.stream().map(DebeziumRecords::schemaless).toList()
                    : records;
        }

        private SourceRecord change(String op, Struct before, Struct after, int id) {
            Struct value = new Struct(envelopeSchema)
                    .put("before", before)
                    .put("after", after)
                    .put("source", control.source(op.equals("r") ? "true" : "false"))
                    .put("op", op)
                    .put("ts_ms", 1L);
            return new SourceRecord(
                    Map.of(), Map.of(), topic, null, keySchema, randomRow(keySchema, id), envelopeSchema, value, 1L);
        }

        /** Debezium emits truncates without a key. */
        private static SourceRecord keyless(SourceRecord record) {
            return record.newRecord(
                    record.topic(), null, null, null, record.valueSchema(), record.value(), record.timestamp());
        }

        private SourceRecord tombstone(int id) {
            return new SourceRecord(
                    Map.of(), Map.of(), topic, null, keySchema, randomRow(keySchema, id), null, null, 1L);
        }
    }
}
