package dev.mskcdc.transforms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Records shaped like Debezium MySQL 3.6.1's output (schema names and fields as in
 * io.debezium.schema.SchemaFactory and io.debezium.data.Envelope), for one table
 * {@code <prefix>.<db>.<table>} with key (id INT) and columns id, status, email.
 */
public final class DebeziumRecords {

    public static final Schema SOURCE = SchemaBuilder.struct()
            .name("io.debezium.connector.mysql.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field(
                    "snapshot",
                    SchemaBuilder.string().optional().defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("server_id", Schema.INT64_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA)
            .build();

    public static final Schema HEARTBEAT_KEY = SchemaBuilder.struct()
            .name("io.debezium.connector.common.ServerNameKey")
            .field("serverName", Schema.STRING_SCHEMA)
            .build();
    public static final Schema HEARTBEAT_VALUE = SchemaBuilder.struct()
            .name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();
    public static final Schema SCHEMA_CHANGE_KEY = SchemaBuilder.struct()
            .name("io.debezium.connector.mysql.SchemaChangeKey")
            .field("databaseName", Schema.STRING_SCHEMA)
            .build();
    public static final Schema SCHEMA_CHANGE_VALUE = SchemaBuilder.struct()
            .name("io.debezium.connector.mysql.SchemaChangeValue")
            .field("source", SOURCE)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schemaName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    public static final Schema TRANSACTION_KEY = SchemaBuilder.struct()
            .name("io.debezium.connector.common.TransactionMetadataKey")
            .field("id", Schema.STRING_SCHEMA)
            .build();
    public static final Schema TRANSACTION_VALUE = SchemaBuilder.struct()
            .name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("event_count", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();

    private final String prefix;
    private final String db;
    private final String table;
    private final Schema keySchema;
    private final Schema rowSchema;
    private final Schema envelopeSchema;

    public DebeziumRecords(String prefix, String db, String table) {
        this.prefix = prefix;
        this.db = db;
        this.table = table;
        String topic = topic();
        keySchema = SchemaBuilder.struct()
                .name(topic + ".Key")
                .field("id", Schema.INT32_SCHEMA)
                .build();
        rowSchema = SchemaBuilder.struct()
                .name(topic + ".Value")
                .optional()
                .field("id", Schema.INT32_SCHEMA)
                .field("status", Schema.OPTIONAL_STRING_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        envelopeSchema = SchemaBuilder.struct()
                .name(topic + ".Envelope")
                .version(2)
                .field("before", rowSchema)
                .field("after", rowSchema)
                .field("source", SOURCE)
                .field(
                        "transaction",
                        SchemaBuilder.struct()
                                .name("event.block")
                                .optional()
                                .field("id", Schema.STRING_SCHEMA)
                                .field("total_order", Schema.INT64_SCHEMA)
                                .field("data_collection_order", Schema.INT64_SCHEMA)
                                .build())
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    public static DebeziumRecords orders() {
        return new DebeziumRecords("shop", "inventory", "orders");
    }

    public String topic() {
        return prefix + "." + db + "." + table;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Struct key(int id) {
        return new Struct(keySchema).put("id", id);
    }

    public Struct row(int id, String status) {
        return new Struct(rowSchema).put("id", id).put("status", status).put("email", "user" + id + "@example.com");
    }

    public SourceRecord create(int id, String status) {
        return change("c", null, row(id, status), id, "false");
    }

    public SourceRecord read(int id, String status) {
        return change("r", null, row(id, status), id, "true");
    }

    public SourceRecord update(int id, String oldStatus, String newStatus) {
        return change("u", row(id, oldStatus), row(id, newStatus), id, "false");
    }

    public SourceRecord delete(int id, String status) {
        return change("d", row(id, status), null, id, "false");
    }

    public SourceRecord tombstone(int id) {
        return new SourceRecord(
                Map.of("server", prefix), Map.of("pos", 1L), topic(), null, keySchema, key(id), null, null);
    }

    public SourceRecord change(String op, Struct before, Struct after, int id, String snapshot) {
        Struct value = new Struct(envelopeSchema)
                .put("before", before)
                .put("after", after)
                .put("source", source(snapshot))
                .put("op", op)
                .put("ts_ms", 1_700_000_000_000L);
        return new SourceRecord(
                Map.of("server", prefix),
                Map.of("pos", 1L),
                topic(),
                null,
                keySchema,
                key(id),
                envelopeSchema,
                value,
                1_700_000_000_000L);
    }

    public Struct source(String snapshot) {
        return new Struct(SOURCE)
                .put("version", "3.6.1.Final")
                .put("connector", "mysql")
                .put("name", prefix)
                .put("ts_ms", 1_700_000_000_000L)
                .put("snapshot", snapshot)
                .put("db", db)
                .put("table", table)
                .put("server_id", 223344L)
                .put("file", "mysql-bin.000003")
                .put("pos", 154L)
                .put("row", 0);
    }

    public SourceRecord heartbeat() {
        return new SourceRecord(
                Map.of(),
                Map.of(),
                "__debezium-heartbeat." + prefix,
                null,
                HEARTBEAT_KEY,
                new Struct(HEARTBEAT_KEY).put("serverName", prefix),
                HEARTBEAT_VALUE,
                new Struct(HEARTBEAT_VALUE).put("ts_ms", 1_700_000_000_000L));
    }

    public SourceRecord schemaChange() {
        return new SourceRecord(
                Map.of(),
                Map.of(),
                prefix,
                null,
                SCHEMA_CHANGE_KEY,
                new Struct(SCHEMA_CHANGE_KEY).put("databaseName", db),
                SCHEMA_CHANGE_VALUE,
                new Struct(SCHEMA_CHANGE_VALUE)
                        .put("source", source("false"))
                        .put("ts_ms", 1L)
                        .put("databaseName", db)
                        .put("ddl", "ALTER TABLE " + table + " ADD COLUMN note VARCHAR(20)"));
    }

    public SourceRecord transaction(String status) {
        return new SourceRecord(
                Map.of(),
                Map.of(),
                prefix + ".transaction",
                null,
                TRANSACTION_KEY,
                new Struct(TRANSACTION_KEY).put("id", "tx-1"),
                TRANSACTION_VALUE,
                new Struct(TRANSACTION_VALUE)
                        .put("status", status)
                        .put("id", "tx-1")
                        .put("ts_ms", 1L));
    }

    /** The same record with key and value as schemaless Maps, as after a schemaless converter. */
    public static SourceRecord schemaless(SourceRecord record) {
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                null,
                toMap(record.key()),
                null,
                toMap(record.value()),
                record.timestamp());
    }

    static Object toMap(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                map.put(field.name(), toMap(struct.get(field)));
            }
            return map;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DebeziumRecords::toMap).toList();
        }
        return value;
    }

    public static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }
}
