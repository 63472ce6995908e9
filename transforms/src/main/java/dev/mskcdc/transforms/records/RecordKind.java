package dev.mskcdc.transforms.records;

/** What a Debezium record is, as far as a transform needs to know. */
public enum RecordKind {
    /** A row change: value schema named {@code <topic>.Envelope}, op c/u/d/r/t. */
    DATA_CHANGE,
    /** A null value: Debezium emits one after each delete, with the delete's key. */
    TOMBSTONE,
    /** {@code io.debezium.connector.common.Heartbeat}, on {@code __debezium-heartbeat.<prefix>}. */
    HEARTBEAT,
    /** {@code io.debezium.connector.<connector>.SchemaChangeValue}, on the {@code <prefix>} topic. */
    SCHEMA_CHANGE,
    /** {@code io.debezium.connector.common.TransactionMetadataValue}, on {@code <prefix>.transaction}. */
    TRANSACTION,
    /** Anything else (not produced by Debezium, or reshaped by an earlier transform). */
    OTHER
}
