package dev.mskcdc.transforms.size;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mskcdc.transforms.DebeziumRecords;

import static dev.mskcdc.transforms.DebeziumRecords.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSizeLimitTest {

    private final EventSizeLimit<SourceRecord> limit = new EventSizeLimit<>();
    private final DebeziumRecords orders = DebeziumRecords.orders();

    private EventSizeLimit<SourceRecord> configured(String... keyValues) {
        limit.configure(props(keyValues));
        return limit;
    }

    @AfterEach
    void close() {
        limit.close();
    }

    /** Key plus value bytes as the reference worker writes them: its converter settings, set here independently. */
    private static long workerJsonBytes(SourceRecord record) {
        long bytes = 0;
        for (boolean isKey : List.of(true, false)) {
            try (JsonConverter converter = new JsonConverter()) {
                converter.configure(
                        Map.of(
                                "schemas.enable",
                                "false",
                                "decimal.format",
                                "NUMERIC",
                                "replace.null.with.default",
                                "false"),
                        isKey);
                byte[] json = isKey
                        ? converter.fromConnectData(record.topic(), record.keySchema(), record.key())
                        : converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
                bytes += json == null ? 0 : json.length;
            }
        }
        return bytes;
    }

    @Test
    void defaultLimitIsTheReferenceProducersMaxRequestSize() {
        assertThat(EventSizeLimit.CONFIG_DEF.defaultValues()).containsEntry("max.bytes", 33554432);
    }

    @Test
    void ordinaryChangesPassAsTheSameRecord() {
        configured();
        for (SourceRecord record : List.of(
                orders.read(1, "new"),
                orders.create(2, "new"),
                orders.update(3, "a", "b"),
                orders.delete(4, "gone"),
                DebeziumRecords.schemaless(orders.update(5, "a", "b")))) {
            assertThat(limit.apply(record)).isSameAs(record);
        }
    }

    @Test
    void changeAboveTheLimitFailsNamingTableKeySizeLimitAndSettings() {
        SourceRecord update = orders.update(3, "v".repeat(5000), "w".repeat(5000));
        long bytes = workerJsonBytes(update);
        configured("max.bytes", "10000");

        assertThatThrownBy(() -> limit.apply(update))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "EventSizeLimit: the change of table 'inventory.orders' with row key Struct{id=3} is " + bytes
                                + " bytes as JSON (key and value), above the limit of 10000 bytes (max.bytes). Nothing was written "
                                + "for this row and the task stops here. To carry rows this large, raise together the worker's "
                                + "producer.max.request.size, the connector's topic.creation.default.max.message.bytes "
                                + "(max.message.bytes of topics you created yourself) and this transform's max.bytes; or leave "
                                + "the column or table out of the capture.");
    }

    @Test
    void exactSizeDecidesWhenTheBoundIsAboveTheLimit() {
        SourceRecord create = orders.create(7, "x".repeat(3000));
        long bytes = workerJsonBytes(create);
        assertThat(limit.upperBound(create.value())).isGreaterThan(bytes + 10000);

        assertThat(configured("max.bytes", String.valueOf(bytes)).apply(create)).isSameAs(create);
        assertThatThrownBy(
                        () -> configured("max.bytes", String.valueOf(bytes - 1)).apply(create))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(" is " + bytes + " bytes as JSON");
    }

    @Test
    void schemalessChangeAboveTheLimitNamesItsTableAndKey() {
        SourceRecord update = DebeziumRecords.schemaless(orders.update(9, "a".repeat(800), "b".repeat(800)));
        configured("max.bytes", "1000");

        assertThatThrownBy(() -> limit.apply(update))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("EventSizeLimit: the change of table 'inventory.orders' with row key {id=9} is "
                        + workerJsonBytes(update) + " bytes as JSON");
    }

    @Test
    void changeOfATableWithoutPrimaryKeySaysSo() {
        SourceRecord create = orders.create(4, "z".repeat(600));
        SourceRecord keyless = create.newRecord(
                create.topic(), null, null, null, create.valueSchema(), create.value(), create.timestamp());
        configured("max.bytes", "500");

        assertThatThrownBy(() -> limit.apply(keyless))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("EventSizeLimit: the change of table 'inventory.orders' with row key null (the "
                        + "table has no primary key) is " + workerJsonBytes(keyless) + " bytes as JSON");
    }

    @Test
    void tombstonesTruncatesHeartbeatsSchemaChangesAndTransactionsPass() {
        configured("max.bytes", "1");
        SourceRecord truncate = orders.change("t", null, null, 1, "false");
        for (SourceRecord record : List.of(
                orders.tombstone(1),
                truncate,
                orders.heartbeat(),
                orders.schemaChange(),
                orders.transaction("BEGIN"))) {
            assertThat(limit.apply(record)).isSameAs(record);
        }
    }

    @Test
    void boundIsNeverBelowTheWrittenSize() {
        Schema decimal = Decimal.builder(30).optional().build();
        Schema row = SchemaBuilder.struct()
                .name("shop.inventory.wide.Value")
                .optional()
                .field("text", Schema.OPTIONAL_STRING_SCHEMA)
                .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("buffer", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("amount", decimal)
                .field("at", Timestamp.builder().optional().build())
                .field("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field(
                        "tags",
                        SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field(
                        "attrs",
                        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA)
                                .optional()
                                .build())
                .build();
        // Control characters, quotes and backslashes (6-byte escapes), 4-byte UTF-8, the longest numbers.
        Struct value = new Struct(row)
                .put("text", "\u0001\"\\\uD83D\uDE00é")
                .put("blob", new byte[] {1, 2, 3, 4})
                .put("buffer", ByteBuffer.wrap(new byte[] {(byte) 0xFF}))
                .put("amount", new BigDecimal("-1E-30"))
                .put("at", new java.util.Date(Long.MIN_VALUE))
                .put("ratio", -Double.MIN_NORMAL)
                .put("flag", true)
                .put("tags", List.of("\u0000", ""))
                .put("attrs", Map.of("\u001F", Long.MIN_VALUE));
        SourceRecord record = new SourceRecord(Map.of(), Map.of(), "t", null, null, null, row, value);
        configured();

        assertThat(limit.upperBound(value)).isGreaterThanOrEqualTo(workerJsonBytes(record));
    }

    @Test
    void limitBelowOneByteIsRejected() {
        assertThatThrownBy(() -> configured("max.bytes", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 0 for configuration max.bytes: Value must be at least 1");
    }
}
