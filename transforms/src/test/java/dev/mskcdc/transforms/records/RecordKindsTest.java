package dev.mskcdc.transforms.records;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import dev.mskcdc.transforms.DebeziumRecords;

import static dev.mskcdc.transforms.DebeziumRecords.schemaless;
import static org.assertj.core.api.Assertions.assertThat;

class RecordKindsTest {

    private final DebeziumRecords orders = DebeziumRecords.orders();

    @Test
    void envelopesAreDataChangesWhateverTheOperation() {
        assertThat(RecordKinds.of(orders.create(1, "new"))).isEqualTo(RecordKind.DATA_CHANGE);
        assertThat(RecordKinds.of(orders.read(1, "new"))).isEqualTo(RecordKind.DATA_CHANGE);
        assertThat(RecordKinds.of(orders.update(1, "new", "paid"))).isEqualTo(RecordKind.DATA_CHANGE);
        assertThat(RecordKinds.of(orders.delete(1, "paid"))).isEqualTo(RecordKind.DATA_CHANGE);
        assertThat(RecordKinds.of(orders.change("t", null, null, 1, "false"))).isEqualTo(RecordKind.DATA_CHANGE);
    }

    @Test
    void nullValueIsTombstone() {
        assertThat(RecordKinds.of(orders.tombstone(1))).isEqualTo(RecordKind.TOMBSTONE);
    }

    @Test
    void debeziumControlRecordsAreRecognisedBySchemaName() {
        assertThat(RecordKinds.of(orders.heartbeat())).isEqualTo(RecordKind.HEARTBEAT);
        assertThat(RecordKinds.of(orders.schemaChange())).isEqualTo(RecordKind.SCHEMA_CHANGE);
        assertThat(RecordKinds.of(orders.transaction("BEGIN"))).isEqualTo(RecordKind.TRANSACTION);
    }

    @Test
    void kindDoesNotDependOnTopicName() {
        SourceRecord heartbeat = orders.heartbeat();
        SourceRecord renamed = heartbeat.newRecord(
                "shop.inventory.orders",
                null,
                heartbeat.keySchema(),
                heartbeat.key(),
                heartbeat.valueSchema(),
                heartbeat.value(),
                null);
        assertThat(RecordKinds.of(renamed)).isEqualTo(RecordKind.HEARTBEAT);
    }

    @Test
    void schemalessRecordsAreRecognisedByShape() {
        assertThat(RecordKinds.of(schemaless(orders.create(1, "new")))).isEqualTo(RecordKind.DATA_CHANGE);
        assertThat(RecordKinds.of(schemaless(orders.heartbeat()))).isEqualTo(RecordKind.HEARTBEAT);
        assertThat(RecordKinds.of(schemaless(orders.schemaChange()))).isEqualTo(RecordKind.SCHEMA_CHANGE);
        assertThat(RecordKinds.of(schemaless(orders.transaction("END")))).isEqualTo(RecordKind.TRANSACTION);
        assertThat(RecordKinds.of(schemaless(orders.tombstone(1)))).isEqualTo(RecordKind.TOMBSTONE);
    }

    @Test
    void otherRecordsAreOther() {
        Schema unnamed =
                SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).build();
        assertThat(RecordKinds.of(record(unnamed, new Struct(unnamed).put("op", "c"))))
                .isEqualTo(RecordKind.OTHER);
        Schema named = SchemaBuilder.struct()
                .name("com.example.Order")
                .field("id", Schema.INT32_SCHEMA)
                .build();
        assertThat(RecordKinds.of(record(named, new Struct(named).put("id", 1))))
                .isEqualTo(RecordKind.OTHER);
        assertThat(RecordKinds.of(record(null, Map.of("ts_ms", 1L, "id", 2)))).isEqualTo(RecordKind.OTHER);
        assertThat(RecordKinds.of(record(Schema.STRING_SCHEMA, "text"))).isEqualTo(RecordKind.OTHER);
        assertThat(RecordKinds.of(record(null, "text"))).isEqualTo(RecordKind.OTHER);
    }

    @Test
    void schemaChangeNamesOfOtherDebeziumConnectorsCount() {
        assertThat(RecordKinds.bySchemaName("io.debezium.connector.mariadb.SchemaChangeValue"))
                .isEqualTo(RecordKind.SCHEMA_CHANGE);
        assertThat(RecordKinds.bySchemaName("com.example.SchemaChangeValue")).isEqualTo(RecordKind.OTHER);
    }

    private static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of(), Map.of(), "t", null, null, null, schema, value);
    }
}
