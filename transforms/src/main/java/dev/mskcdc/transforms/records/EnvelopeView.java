package dev.mskcdc.transforms.records;

import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * The parts of a Debezium record the transforms decide on: its kind, and the envelope fields {@code op},
 * {@code source.db} and {@code source.table} (Debezium 3.6.1 {@code io.debezium.data.Envelope}), read the
 * same way for Struct and schemaless Map values. Field handles are resolved once per value schema, so one
 * instance belongs to one transform instance.
 */
public final class EnvelopeView {

    public static final String CREATE = "c";
    public static final String DELETE = "d";
    public static final String TRUNCATE = "t";

    private final FieldPath op = new FieldPath("op");
    private final FieldPath db = new FieldPath("source", "db");
    private final FieldPath table = new FieldPath("source", "table");

    public RecordKind kind(ConnectRecord<?> record) {
        return RecordKinds.of(record);
    }

    /** A data change or the tombstone after a delete: the records that carry a row's key. */
    public boolean isRowRecord(RecordKind kind) {
        return kind == RecordKind.DATA_CHANGE || kind == RecordKind.TOMBSTONE;
    }

    /** {@code op} of the value, or null when absent or not text. */
    public String op(Object value) {
        return op.string(value);
    }

    public boolean isDelete(Object value) {
        return DELETE.equals(op(value));
    }

    public boolean isTruncate(Object value) {
        return TRUNCATE.equals(op(value));
    }

    /** {@code source.db} of the value, or null when absent or not text. */
    public String db(Object value) {
        return db.string(value);
    }

    /** {@code source.table} of the value, or null when absent or not text. */
    public String table(Object value) {
        return table.string(value);
    }
}
