package dev.mskcdc.localstack.events;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One record read back from a change-event topic; key and value parsed from the JSON converter. */
public record ChangeEvent(
        String topic, int partition, long offset, JsonNode key, JsonNode value, Map<String, String> headers) {

    /** Debezium's operation code (c, u, d, r, t), or null for a tombstone or a non-data record. */
    public String op() {
        return value == null ? null : payload(value).path("op").asText(null);
    }

    /**
     * Whether this is the last record of the connector's initial snapshot (Debezium's
     * {@code source.snapshot = "last"}). Rows committed after it arrives are streamed from the binlog, never
     * read by that snapshot: tests wait for it instead of writing as soon as the connector is RUNNING.
     */
    public boolean isLastOfSnapshot() {
        return value != null
                && "last".equals(payload(value).path("source").path("snapshot").asText(null));
    }

    public boolean isTombstone() {
        return value == null;
    }

    public JsonNode before() {
        return value == null ? null : payload(value).path("before");
    }

    public JsonNode after() {
        return value == null ? null : payload(value).path("after");
    }

    /** The key's fields, whether or not the converter wrapped them in a schema envelope. */
    public JsonNode keyPayload() {
        return key == null ? null : payload(key);
    }

    private static JsonNode payload(JsonNode node) {
        return node.has("schema") && node.has("payload") ? node.get("payload") : node;
    }

    @Override
    public String toString() {
        return topic + "[" + partition + "@" + offset + "] key=" + key + " value=" + value;
    }
}
