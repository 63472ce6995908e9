package dev.mskcdc.transforms.bench;

import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The floors a benchmark of one record reports beside its transforms (see {@link NoOp}); JMH runs them as
 * {@code <Subclass>.noOpIdentity} and {@code <Subclass>.noOpCopy}. Subclasses set {@link #record} in their
 * {@code @Setup}.
 */
public abstract class FloorsBenchmark {

    protected SourceRecord record;

    @Benchmark
    public SourceRecord noOpIdentity() {
        return NoOp.identity(record);
    }

    @Benchmark
    public SourceRecord noOpCopy() {
        return NoOp.copy(record);
    }
}
