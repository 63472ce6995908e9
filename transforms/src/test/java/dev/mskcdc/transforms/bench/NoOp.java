package dev.mskcdc.transforms.bench;

import org.apache.kafka.connect.source.SourceRecord;

/** The floors: a transform that returns the record, and one that copies it as any changing SMT must. */
final class NoOp {

    private NoOp() {}

    static SourceRecord identity(SourceRecord record) {
        return record;
    }

    static SourceRecord copy(SourceRecord record) {
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.timestamp());
    }
}
