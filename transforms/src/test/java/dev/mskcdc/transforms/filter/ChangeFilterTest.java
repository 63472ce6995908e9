package dev.mskcdc.transforms.filter;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import dev.mskcdc.transforms.DebeziumRecords;

import static dev.mskcdc.transforms.DebeziumRecords.props;
import static dev.mskcdc.transforms.DebeziumRecords.schemaless;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeFilterTest {

    private final ChangeFilter<SourceRecord> filter = new ChangeFilter<>();
    private final DebeziumRecords orders = DebeziumRecords.orders();
    private final DebeziumRecords audit = new DebeziumRecords("shop", "inventory", "audit_log");
    private final DebeziumRecords billing = new DebeziumRecords("shop", "billing", "invoices");

    private ChangeFilter<SourceRecord> configured(String... keyValues) {
        filter.configure(props(keyValues));
        return filter;
    }

    @Test
    void defaultsKeepEverything() {
        configured();
        for (SourceRecord record : new SourceRecord[] {
            orders.create(1, "x"),
            orders.read(1, "x"),
            orders.delete(1, "x"),
            orders.tombstone(1),
            orders.heartbeat(),
            orders.schemaChange(),
            orders.transaction("BEGIN")
        }) {
            assertThat(filter.apply(record)).isSameAs(record);
        }
    }

    @Test
    void snapshotReadsAreDroppedByOperation() {
        configured("ops.exclude", "r");
        assertThat(filter.apply(orders.read(1, "x"))).isNull();
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
    }

    @Test
    void includedOperationsOnlyAreKept() {
        configured("ops.include", "c,u");
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
        assertThat(filter.apply(orders.update(1, "x", "y"))).isNotNull();
        assertThat(filter.apply(orders.delete(1, "x"))).isNull();
        assertThat(filter.apply(orders.change("t", null, null, 1, "false"))).isNull();
    }

    @Test
    void tombstoneFollowsItsDroppedDelete() {
        configured("ops.exclude", "d");
        assertThat(filter.apply(orders.delete(4, "x"))).isNull();
        assertThat(filter.apply(orders.tombstone(4))).isNull();
    }

    @Test
    void tombstoneFollowsItsKeptDelete() {
        configured("condition", "before.status = 'paid'");
        assertThat(filter.apply(orders.delete(4, "paid"))).isNotNull();
        assertThat(filter.apply(orders.tombstone(4))).isNotNull();
        assertThat(filter.apply(orders.delete(5, "new"))).isNull();
        assertThat(filter.apply(orders.tombstone(5))).isNull();
    }

    @Test
    void schemalessTombstoneWithBinaryKeyFollowsItsDelete() {
        configured("ops.exclude", "d");
        SourceRecord delete = orders.delete(4, "x");
        java.util.Map<String, Object> key = java.util.Map.of("uuid", new byte[] {1, 2});
        java.util.Map<String, Object> sameKey = java.util.Map.of("uuid", new byte[] {1, 2});
        assertThat(filter.apply(schemaless(delete)
                        .newRecord(
                                delete.topic(),
                                null,
                                null,
                                key,
                                null,
                                schemaless(delete).value(),
                                null)))
                .isNull();
        assertThat(filter.apply(orders.tombstone(4).newRecord(delete.topic(), null, null, sameKey, null, null, null)))
                .isNull();
    }

    @Test
    void tombstoneWithoutItsDeleteIsKept() {
        configured("ops.exclude", "d");
        assertThat(filter.apply(orders.delete(4, "x"))).isNull();
        assertThat(filter.apply(orders.tombstone(5))).isNotNull();
        assertThat(filter.apply(audit.tombstone(4))).isNotNull();
    }

    @Test
    void tombstonePolicyCanKeepOrDropAll() {
        configured("ops.exclude", "d", "tombstones", "keep");
        filter.apply(orders.delete(4, "x"));
        assertThat(filter.apply(orders.tombstone(4))).isNotNull();
        configured("tombstones", "drop");
        filter.apply(orders.delete(4, "x"));
        assertThat(filter.apply(orders.tombstone(4))).isNull();
    }

    @Test
    void tablesAreFilteredByQualifiedGlobs() {
        configured("tables.include", "inventory.*", "tables.exclude", "*.audit_?og");
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
        assertThat(filter.apply(audit.create(1, "x"))).isNull();
        assertThat(filter.apply(billing.create(1, "x"))).isNull();
    }

    @Test
    void globsAreCaseInsensitiveLikeDebeziumIncludeLists() {
        configured("tables.include", "INVENTORY.Orders");
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
    }

    @Test
    void databasesAreFilteredByGlobs() {
        configured("databases.exclude", "bill*");
        assertThat(filter.apply(billing.create(1, "x"))).isNull();
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
    }

    @Test
    void conditionComparesBeforeAndAfter() {
        configured("condition", "op = 'u' and after.status != before.status");
        assertThat(filter.apply(orders.update(1, "new", "paid"))).isNotNull();
        assertThat(filter.apply(orders.update(1, "new", "new"))).isNull();
        assertThat(filter.apply(orders.create(1, "new"))).isNull();
    }

    @Test
    void conditionReadsSourceFields() {
        configured("condition", "source.snapshot in ('false', 'last') and source.server_id = 223344");
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
        assertThat(filter.apply(orders.read(1, "x"))).isNull();
    }

    @Test
    void nonDataRecordsFollowTheirOwnPolicies() {
        configured("heartbeats", "drop", "schema.changes", "drop", "transactions", "drop", "ops.include", "c");
        assertThat(filter.apply(orders.heartbeat())).isNull();
        assertThat(filter.apply(orders.schemaChange())).isNull();
        assertThat(filter.apply(orders.transaction("END"))).isNull();
        configured("ops.include", "c", "condition", "after.id = 0");
        assertThat(filter.apply(orders.heartbeat())).isNotNull();
        assertThat(filter.apply(orders.schemaChange())).isNotNull();
    }

    @Test
    void schemalessEventsAreFilteredTheSameWay() {
        configured("ops.exclude", "r", "condition", "after.status = 'paid'", "tables.include", "inventory.orders");
        assertThat(filter.apply(schemaless(orders.create(1, "paid")))).isNotNull();
        assertThat(filter.apply(schemaless(orders.create(1, "new")))).isNull();
        assertThat(filter.apply(schemaless(orders.read(1, "paid")))).isNull();
        assertThat(filter.apply(schemaless(audit.create(1, "paid")))).isNull();
        assertThat(filter.apply(schemaless(orders.heartbeat()))).isNotNull();
    }

    @Test
    void missingFieldReadsAsNullByDefault() {
        configured("condition", "after.colour is null");
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
    }

    @Test
    void missingFieldFailsWhenAskedTo() {
        configured("condition", "after.colour = 'red'", "missing.fields", "fail");
        assertThatThrownBy(() -> filter.apply(orders.create(1, "x")))
                .isInstanceOf(DataException.class)
                .hasMessage("Condition field 'after.colour' is missing from the value of a record on topic "
                        + "'shop.inventory.orders'; fix the field name in the condition or set missing.fields=null to read "
                        + "it as null");
    }

    @Test
    void nullBeforeOfACreateIsNullNotMissing() {
        configured("condition", "before.status is null", "missing.fields", "fail");
        assertThat(filter.apply(orders.create(1, "x"))).isNotNull();
    }

    @Test
    void typeMismatchFailsNamingFieldAndTopic() {
        configured("condition", "after.status = 5");
        assertThatThrownBy(() -> filter.apply(orders.create(1, "x")))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "Condition compares 'after.status' on topic 'shop.inventory.orders' as text with a number,"
                                + " and the text is not a decimal number; quote the literal to compare text, or compare a numeric field");
        configured("condition", "after.status = true");
        assertThatThrownBy(() -> filter.apply(orders.create(1, "x")))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "Condition compares 'after.status' on topic 'shop.inventory.orders' as text with boolean;"
                                + " write the literal in the field's type (text in quotes, numbers without: DECIMAL and BIGINT"
                                + " UNSIGNED columns compare as numbers whether the connector emits them as numbers or as decimal strings)");
    }

    @Test
    void envelopeWithoutOpFails() {
        configured();
        SourceRecord create = orders.create(1, "x");
        java.util.Map<String, Object> value = new java.util.HashMap<>(java.util.Map.of("op", 1, "source", "s"));
        SourceRecord odd = create.newRecord(create.topic(), null, null, null, null, value, null);
        assertThatThrownBy(() -> filter.apply(odd))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "Change event on topic 'shop.inventory.orders' has no text field 'op' in its value; "
                                + "ChangeFilter needs Debezium's envelope: place it before transforms that unwrap the envelope");
    }

    @Test
    void badConditionIsRejectedAtConfigure() {
        assertThatThrownBy(() -> configured("condition", "after.status = 'paid' and"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value after.status = 'paid' and for configuration condition: at position 25 "
                        + "(found the end): expected a field or a literal but the condition ended");
    }

    @Test
    void unknownOperationIsRejected() {
        assertThatThrownBy(() -> configured("ops.exclude", "r,x"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value x for configuration ops.exclude: String must be one of: c, u, d, r, t");
    }

    @Test
    void operationBothIncludedAndExcludedIsRejected() {
        assertThatThrownBy(() -> configured("ops.include", "c,d", "ops.exclude", "d"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value d for configuration ops.exclude: operation 'd' is both included and "
                        + "excluded; remove it from one of ops.include and ops.exclude");
    }

    @Test
    void strayCommaInGlobsIsRejected() {
        assertThatThrownBy(() -> configured("tables.include", "inventory.orders,"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value [inventory.orders, ] for configuration tables.include: empty entry; "
                        + "remove the stray comma");
    }
}
