package dev.mskcdc.transforms.filter;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.junit.jupiter.api.Test;

import dev.mskcdc.transforms.DebeziumRecords;

import static dev.mskcdc.transforms.DebeziumRecords.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeMatchesTest {

    private final ChangeMatches<SourceRecord> predicate = new ChangeMatches<>();
    private final DebeziumRecords orders = DebeziumRecords.orders();

    @Test
    void matchesDataChangesSatisfyingTheCondition() {
        predicate.configure(props("condition", "op = 'r'"));
        assertThat(predicate.test(orders.read(1, "x"))).isTrue();
        assertThat(predicate.test(orders.create(1, "x"))).isFalse();
    }

    @Test
    void nonDataRecordsNeverMatch() {
        predicate.configure(props("condition", "ts_ms is not null or ts_ms is null"));
        assertThat(predicate.test(orders.heartbeat())).isFalse();
        assertThat(predicate.test(orders.schemaChange())).isFalse();
        assertThat(predicate.test(orders.transaction("BEGIN"))).isFalse();
        assertThat(predicate.test(orders.create(1, "x"))).isTrue();
    }

    @Test
    void tombstoneMatchesWhenItsDeleteMatched() {
        predicate.configure(props("condition", "op = 'd'"));
        assertThat(predicate.test(orders.delete(3, "x"))).isTrue();
        assertThat(predicate.test(orders.tombstone(3))).isTrue();
        assertThat(predicate.test(orders.tombstone(4))).isFalse();
    }

    @Test
    void kafkaFilterWithThisPredicateDropsSnapshotRowsAndTheirTombstonesFollow() {
        Filter<SourceRecord> filter = new Filter<>();
        filter.configure(Map.of());
        predicate.configure(props("condition", "op = 'd' and before.status = 'archived'"));
        SourceRecord delete = orders.delete(8, "archived");
        SourceRecord kept = orders.delete(9, "paid");
        assertThat(predicate.test(delete) ? filter.apply(delete) : delete).isNull();
        assertThat(predicate.test(orders.tombstone(8)) ? filter.apply(orders.tombstone(8)) : orders.tombstone(8))
                .isNull();
        assertThat(predicate.test(kept) ? filter.apply(kept) : kept).isSameAs(kept);
    }

    @Test
    void conditionIsRequired() {
        assertThatThrownBy(() -> predicate.configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Missing required configuration \"condition\" which has no default value.");
    }

    @Test
    void badConditionIsRejectedAfterConfigDefTrimsIt() {
        assertThatThrownBy(() -> predicate.configure(props("condition", "op = ")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value op = for configuration condition: at position 4 (found the end): "
                        + "expected a field or a literal but the condition ended");
    }
}
