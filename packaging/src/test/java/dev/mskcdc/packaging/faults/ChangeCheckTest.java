package dev.mskcdc.packaging.faults;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer rule of connector/README.md "Purged binlog", on the markers Debezium 3.6.1 gives. */
class ChangeCheckTest {

    @Test
    void rowsTheNewSnapshotDidNotContainAreDroppedAtItsLastRecord() {
        List<TopicReader.Received> topic = List.of(
                read(1, "first"),
                read(2, "true"),
                read(3, "last"),
                change("u", 2, 7),
                // the binlog after this point was purged: row 1 was deleted, row 2 updated; then a new snapshot
                read(2, "first"),
                read(3, "last"),
                change("c", 4, 9));

        assertThat(ChangeCheck.finalStateDroppingRowsNotInTheLastSnapshot(topic))
                .isEqualTo(Map.of(2, 0L, 3, 0L, 4, 9L));
        assertThat(ChangeCheck.finalState(topic))
                .as("events applied alone keep the deleted row")
                .containsKey(1);
    }

    @Test
    void aTableOfOneRowAmongSeveralTablesEndsAtItsLastInDataCollectionMarker() {
        List<TopicReader.Received> topic = List.of(
                read(1, "first_in_data_collection"),
                read(2, "last_in_data_collection"),
                read(2, "last_in_data_collection"));

        assertThat(ChangeCheck.finalStateDroppingRowsNotInTheLastSnapshot(topic))
                .isEqualTo(Map.of(2, 0L));
    }

    @Test
    void aOneRowFirstTableMarkedOnlyFirstEndsAtTheNextStreamedRecord() {
        List<TopicReader.Received> topic =
                List.of(read(1, "first"), read(5, "last"), read(5, "first"), change("u", 5, 3));

        assertThat(ChangeCheck.finalStateDroppingRowsNotInTheLastSnapshot(topic))
                .isEqualTo(Map.of(5, 3L));
    }

    @Test
    void incrementalSnapshotReadsDropNothing() {
        List<TopicReader.Received> topic = List.of(read(1, "last"), read(2, "incremental"), change("c", 3, 4));

        assertThat(ChangeCheck.finalStateDroppingRowsNotInTheLastSnapshot(topic))
                .isEqualTo(Map.of(1, 0L, 2, 0L, 3, 4L));
    }

    private static TopicReader.Received read(int id, String snapshot) {
        return new TopicReader.Received(0, "r", id, 0, snapshot, 0);
    }

    private static TopicReader.Received change(String op, int id, long seq) {
        return new TopicReader.Received(0, op, id, seq, "false", 0);
    }
}
