package dev.mskcdc.transforms.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.ExtractField;
import org.apache.kafka.connect.transforms.ValueToKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.mskcdc.transforms.keys.NormalizeKey;

/**
 * Building a key from (tenant, id). NormalizeKey works on the Debezium record's key; Kafka's
 * ValueToKey needs the columns at the top of the value, so its chain runs on the flat row
 * (as after ExtractNewRecordState). ValueToKey+ExtractField gives the id alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeysBenchmark extends FloorsBenchmark {

    private static final Schema KEY = SchemaBuilder.struct()
            .name("shop.crm.customers.Key")
            .field("id", Schema.INT32_SCHEMA)
            .field("tenant", Schema.STRING_SCHEMA)
            .build();

    private final NormalizeKey<SourceRecord> struct = new NormalizeKey<>();
    private final NormalizeKey<SourceRecord> text = new NormalizeKey<>();
    private final NormalizeKey<SourceRecord> hashPartitioned = new NormalizeKey<>();
    private final ValueToKey<SourceRecord> valueToKey = new ValueToKey<>();
    private final ExtractField.Key<SourceRecord> extractField = new ExtractField.Key<>();

    @Setup
    public void setUp() {
        Struct key = new Struct(KEY).put("id", 42).put("tenant", "ACME");
        // A flat row whose schema is named like an envelope, so NormalizeKey sees a data change.
        Schema envelopeNamed = SchemaBuilder.struct()
                .name("shop.crm.customers.Envelope")
                .field("id", Schema.INT32_SCHEMA)
                .field("tenant", Schema.STRING_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct value =
                new Struct(envelopeNamed).put("id", 42).put("tenant", "ACME").put("email", "a@example.com");
        record = new SourceRecord(Map.of(), Map.of(), "shop.crm.customers", null, KEY, key, envelopeNamed, value);
        struct.configure(Map.of("fields", "tenant,id", "ci.fields", "tenant"));
        text.configure(Map.of("fields", "tenant,id", "ci.fields", "tenant", "output", "string"));
        hashPartitioned.configure(
                Map.of("fields", "tenant,id", "ci.fields", "tenant", "output", "hash", "partitions", "12"));
        valueToKey.configure(Map.of("fields", "tenant,id"));
        extractField.configure(Map.of("field", "id"));
    }

    @Benchmark
    public SourceRecord normalizeKeyStruct() {
        return struct.apply(record);
    }

    @Benchmark
    public SourceRecord normalizeKeyString() {
        return text.apply(record);
    }

    @Benchmark
    public SourceRecord normalizeKeyHashWithPartition() {
        return hashPartitioned.apply(record);
    }

    @Benchmark
    public SourceRecord kafkaValueToKey() {
        return valueToKey.apply(record);
    }

    @Benchmark
    public SourceRecord kafkaValueToKeyThenExtractField() {
        return extractField.apply(valueToKey.apply(record));
    }
}
