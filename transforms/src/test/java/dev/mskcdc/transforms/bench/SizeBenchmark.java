package dev.mskcdc.transforms.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.mskcdc.transforms.DebeziumRecords;
import dev.mskcdc.transforms.size.EventSizeLimit;

/**
 * EventSizeLimit on a normal-size update (Debezium MySQL envelope with before, after and source)
 * under the default 32 MB limit: the bound alone decides. Compared with the floors and with what
 * measuring every record exactly would cost (the worker's JsonConverter on key and value).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SizeBenchmark extends FloorsBenchmark {

    private final EventSizeLimit<SourceRecord> limit = new EventSizeLimit<>();
    private final JsonConverter keyConverter = new JsonConverter();
    private final JsonConverter valueConverter = new JsonConverter();

    @Setup
    public void setUp() {
        record = DebeziumRecords.orders().update(42, "paid", "shipped");
        limit.configure(Map.of());
        Map<String, String> reference =
                Map.of("schemas.enable", "false", "decimal.format", "NUMERIC", "replace.null.with.default", "false");
        keyConverter.configure(reference, true);
        valueConverter.configure(reference, false);
    }

    @TearDown
    public void tearDown() {
        limit.close();
        keyConverter.close();
        valueConverter.close();
    }

    @Benchmark
    public SourceRecord eventSizeLimit() {
        return limit.apply(record);
    }

    @Benchmark
    public int jsonConverterKeyAndValue() {
        return keyConverter.fromConnectData(record.topic(), record.keySchema(), record.key()).length
                + valueConverter.fromConnectData(record.topic(), record.valueSchema(), record.value()).length;
    }
}
