package dev.mskcdc.transforms.size;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.transforms.Transformation;

import dev.mskcdc.transforms.PluginBase;
import dev.mskcdc.transforms.records.EnvelopeView;
import dev.mskcdc.transforms.records.RecordKind;

/**
 * Fails a Debezium data change whose key and value, written as JSON the way the reference worker's
 * JsonConverter writes them, exceed a byte limit, with an error naming the table, the row key and the
 * settings to raise. A cheap upper bound (walking the value, no serialization) passes ordinary rows;
 * only records whose bound exceeds the limit are serialized to measure them exactly.
 */
public class EventSizeLimit<R extends ConnectRecord<R>> extends PluginBase implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Stops the task with a clear error when a Debezium data change is larger "
            + "than the producer may send, instead of the producer's RecordTooLargeException, which names neither the "
            + "table nor the row. The size is that of the record's key and value as JSON, written as the reference "
            + "worker's JsonConverter writes them (schemas.enable=false, decimal.format=NUMERIC, "
            + "replace.null.with.default=false). A cheap upper bound (text x6 for JSON escapes, bytes as base64, "
            + "numbers at their longest) passes ordinary rows without serializing them; a record whose bound exceeds the "
            + "limit is serialized once more to measure it exactly. Tombstones, truncates, heartbeats, schema changes and "
            + "transaction records pass untouched. Put it last in the chain, so it measures what the producer gets.";

    public static final String MAX_BYTES = "max.bytes";

    /** The reference worker's producer.max.request.size (connector/config/msk/worker.properties). */
    public static final int DEFAULT_MAX_BYTES = 33554432;

    private static final String GROUP = "Size";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    MAX_BYTES,
                    ConfigDef.Type.INT,
                    DEFAULT_MAX_BYTES,
                    ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.HIGH,
                    "Largest key plus value, in bytes of JSON, a data change may have. Keep it "
                            + "equal to the worker's producer.max.request.size and the topics' max.message.bytes "
                            + "(connector setting topic.creation.default.max.message.bytes); the producer adds headers "
                            + "and under 100 bytes of framing, so a record within that margin of the limit can still "
                            + "fail in the producer.",
                    GROUP,
                    1,
                    ConfigDef.Width.SHORT,
                    "Maximum bytes");

    /** A JSON number (long, double, Date as epoch milliseconds) is never longer than this. */
    private static final int MAX_NUMBER_CHARS = 32;
    /** A JSON string escape (\\uXXXX) is at most 6 bytes per UTF-16 char, which also covers UTF-8's 3. */
    private static final int MAX_BYTES_PER_CHAR = 6;

    private int maxBytes;
    private JsonConverter keyConverter;
    private JsonConverter valueConverter;
    private final EnvelopeView envelope = new EnvelopeView();

    public EventSizeLimit() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        maxBytes = new AbstractConfig(CONFIG_DEF, props).getInt(MAX_BYTES);
        keyConverter = referenceJsonConverter(true);
        valueConverter = referenceJsonConverter(false);
    }

    private static JsonConverter referenceJsonConverter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(
                Map.of(
                        JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false",
                        JsonConverterConfig.DECIMAL_FORMAT_CONFIG, "NUMERIC",
                        JsonConverterConfig.REPLACE_NULL_WITH_DEFAULT_CONFIG, "false"),
                isKey);
        return converter;
    }

    @Override
    public R apply(R record) {
        if (envelope.kind(record) != RecordKind.DATA_CHANGE || envelope.isTruncate(record.value())) {
            return record;
        }
        if (upperBound(record.key()) + upperBound(record.value()) <= maxBytes) {
            return record;
        }
        long bytes = jsonBytes(record);
        if (bytes > maxBytes) {
            throw tooLarge(record, bytes);
        }
        return record;
    }

    private long jsonBytes(R record) {
        byte[] key = keyConverter.fromConnectData(record.topic(), record.keySchema(), record.key());
        byte[] value = valueConverter.fromConnectData(record.topic(), record.valueSchema(), record.value());
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    private DataException tooLarge(R record, long bytes) {
        String table = envelope.db(record.value()) + "." + envelope.table(record.value());
        String key = record.key() == null
                ? "null (the table has no primary key)"
                : record.key().toString();
        return new DataException("EventSizeLimit: the change of table '" + table + "' with row key " + key
                + " is " + bytes + " bytes as JSON (key and value), above the limit of " + maxBytes + " bytes ("
                + MAX_BYTES + "). Nothing was written for this row and the task stops here. To carry rows this large, "
                + "raise together the worker's producer.max.request.size, the connector's "
                + "topic.creation.default.max.message.bytes (max.message.bytes of topics you created yourself) and this "
                + "transform's " + MAX_BYTES + "; or leave the column or table out of the capture.");
    }

    /** At least as many bytes as JsonConverter writes for this value; more than the limit when unknown. */
    long upperBound(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String text) {
            return (long) text.length() * MAX_BYTES_PER_CHAR + 2;
        }
        if (value instanceof byte[] bytes) {
            return base64Length(bytes.length);
        }
        if (value instanceof ByteBuffer buffer) {
            return base64Length(buffer.remaining());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.precision() + Math.abs((long) decimal.scale()) + MAX_NUMBER_CHARS;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Date) {
            return MAX_NUMBER_CHARS;
        }
        if (value instanceof Struct struct) {
            List<Field> fields = struct.schema().fields();
            long bound = 2;
            for (int i = 0; i < fields.size(); i++) {
                Field field = fields.get(i);
                bound += (long) field.name().length() * MAX_BYTES_PER_CHAR + 4 + upperBound(struct.get(field));
            }
            return bound;
        }
        if (value instanceof Map<?, ?> map) {
            long bound = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bound += upperBound(String.valueOf(entry.getKey())) + 2 + upperBound(entry.getValue());
            }
            return bound;
        }
        if (value instanceof Collection<?> items) {
            long bound = 2;
            for (Object item : items) {
                bound += upperBound(item) + 1;
            }
            return bound;
        }
        return (long) maxBytes + 1;
    }

    private static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4 + 2;
    }

    @Override
    public void close() {
        if (keyConverter != null) {
            keyConverter.close();
            valueConverter.close();
        }
    }
}
