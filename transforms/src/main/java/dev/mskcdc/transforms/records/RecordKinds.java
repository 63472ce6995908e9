package dev.mskcdc.transforms.records;

import java.util.Map;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;

/**
 * Recognises Debezium record kinds by value schema name, as Debezium itself does, never by
 * topic name (topics are user-configurable, schema names are not). Names verified against
 * Debezium 3.6.1 ({@code io.debezium.schema.SchemaFactory}, {@code io.debezium.data.Envelope}).
 *
 * <p>Schemaless values (a {@code Map}) are recognised by shape, in this order: {@code op} and
 * {@code source} present: data change; {@code ddl} and {@code databaseName}: schema change;
 * {@code status}, {@code id} and {@code event_count}: transaction metadata; {@code ts_ms} as the
 * only entry: heartbeat. A null value is a tombstone, whatever the key.
 */
public final class RecordKinds {

    public static final String ENVELOPE_SUFFIX = ".Envelope";
    public static final String HEARTBEAT_VALUE = "io.debezium.connector.common.Heartbeat";
    public static final String HEARTBEAT_KEY = "io.debezium.connector.common.ServerNameKey";
    public static final String SCHEMA_CHANGE_PREFIX = "io.debezium.connector.";
    public static final String SCHEMA_CHANGE_VALUE_SUFFIX = ".SchemaChangeValue";
    public static final String SCHEMA_CHANGE_KEY_SUFFIX = ".SchemaChangeKey";
    public static final String TRANSACTION_VALUE = "io.debezium.connector.common.TransactionMetadataValue";
    public static final String TRANSACTION_KEY = "io.debezium.connector.common.TransactionMetadataKey";

    private RecordKinds() {}

    public static RecordKind of(ConnectRecord<?> record) {
        Object value = record.value();
        if (value == null) {
            return RecordKind.TOMBSTONE;
        }
        Schema schema = record.valueSchema();
        if (schema != null && schema.name() != null) {
            return bySchemaName(schema.name());
        }
        if (value instanceof Map<?, ?> map) {
            return byShape(map);
        }
        return RecordKind.OTHER;
    }

    static RecordKind bySchemaName(String name) {
        if (name.endsWith(ENVELOPE_SUFFIX)) {
            return RecordKind.DATA_CHANGE;
        }
        if (name.equals(HEARTBEAT_VALUE)) {
            return RecordKind.HEARTBEAT;
        }
        if (name.equals(TRANSACTION_VALUE)) {
            return RecordKind.TRANSACTION;
        }
        if (name.startsWith(SCHEMA_CHANGE_PREFIX) && name.endsWith(SCHEMA_CHANGE_VALUE_SUFFIX)) {
            return RecordKind.SCHEMA_CHANGE;
        }
        return RecordKind.OTHER;
    }

    static RecordKind byShape(Map<?, ?> value) {
        if (value.containsKey("op") && value.containsKey("source")) {
            return RecordKind.DATA_CHANGE;
        }
        if (value.containsKey("ddl") && value.containsKey("databaseName")) {
            return RecordKind.SCHEMA_CHANGE;
        }
        if (value.containsKey("status") && value.containsKey("id") && value.containsKey("event_count")) {
            return RecordKind.TRANSACTION;
        }
        if (value.size() == 1 && value.containsKey("ts_ms")) {
            return RecordKind.HEARTBEAT;
        }
        return RecordKind.OTHER;
    }
}
