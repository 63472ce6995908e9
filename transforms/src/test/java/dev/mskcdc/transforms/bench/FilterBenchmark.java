package dev.mskcdc.transforms.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.transforms.predicates.TopicNameMatches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.mskcdc.transforms.DebeziumRecords;
import dev.mskcdc.transforms.filter.ChangeFilter;
import dev.mskcdc.transforms.filter.ChangeMatches;

/**
 * Deciding one Debezium create that is kept: "not a snapshot row and after.status = 'paid'".
 * Predicated transforms are applied as Connect's PredicatedTransformation does
 * ({@code predicate.test(r) ? transform.apply(r) : r}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {

    private SourceRecord create;
    private final ChangeFilter<SourceRecord> changeFilter = new ChangeFilter<>();
    private final ChangeMatches<SourceRecord> changeMatches = new ChangeMatches<>();
    private final TopicNameMatches<SourceRecord> topicNameMatches = new TopicNameMatches<>();
    private final Filter<SourceRecord> kafkaFilter = new Filter<>();
    private final io.debezium.transforms.Filter<SourceRecord> groovyFilter = new io.debezium.transforms.Filter<>();

    @Setup
    public void setUp() {
        create = DebeziumRecords.orders().create(42, "paid");
        changeFilter.configure(Map.of("ops.exclude", "r", "condition", "after.status = 'paid'"));
        changeMatches.configure(Map.of("condition", "op = 'r' or after.status != 'paid'"));
        topicNameMatches.configure(Map.of("pattern", "shop\\.inventory\\.audit_.*"));
        kafkaFilter.configure(Map.of());
        groovyFilter.configure(
                Map.of("language", "jsr223.groovy", "condition", "value.op != 'r' && value.after.status == 'paid'"));
    }

    @TearDown
    public void tearDown() {
        groovyFilter.close();
    }

    @Benchmark
    public SourceRecord noOpIdentity() {
        return NoOp.identity(create);
    }

    @Benchmark
    public SourceRecord changeFilter() {
        return changeFilter.apply(create);
    }

    @Benchmark
    public SourceRecord kafkaFilterWithChangeMatches() {
        return changeMatches.test(create) ? kafkaFilter.apply(create) : create;
    }

    @Benchmark
    public SourceRecord kafkaFilterWithTopicNameMatches() {
        return topicNameMatches.test(create) ? kafkaFilter.apply(create) : create;
    }

    @Benchmark
    public SourceRecord debeziumGroovyFilter() {
        return groovyFilter.apply(create);
    }
}
