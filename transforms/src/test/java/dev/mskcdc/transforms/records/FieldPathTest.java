package dev.mskcdc.transforms.records;

import org.junit.jupiter.api.Test;

import dev.mskcdc.transforms.DebeziumRecords;

import static dev.mskcdc.transforms.DebeziumRecords.schemaless;
import static org.assertj.core.api.Assertions.assertThat;

class FieldPathTest {

    private final DebeziumRecords orders = DebeziumRecords.orders();
    private final DebeziumRecords other = new DebeziumRecords("shop", "billing", "invoices");

    @Test
    void readsNestedFieldsOfStructsAndMaps() {
        FieldPath table = new FieldPath("source", "table");
        assertThat(table.get(orders.create(1, "x").value())).isEqualTo("orders");
        assertThat(table.get(schemaless(orders.create(1, "x")).value())).isEqualTo("orders");
    }

    @Test
    void nullContainerGivesNullAndAbsentFieldGivesMissing() {
        FieldPath beforeStatus = new FieldPath("before", "status");
        FieldPath beforeColour = new FieldPath("before", "colour");
        FieldPath afterColour = new FieldPath("after", "colour");
        assertThat(beforeStatus.get(orders.create(1, "x").value())).isNull();
        assertThat(beforeColour.get(orders.create(1, "x").value())).isNull();
        assertThat(afterColour.get(orders.create(1, "x").value())).isSameAs(ChangeFields.MISSING);
        assertThat(afterColour.get(schemaless(orders.create(1, "x")).value())).isSameAs(ChangeFields.MISSING);
        assertThat(new FieldPath("after", "status", "deeper")
                        .get(orders.create(1, "x").value()))
                .isSameAs(ChangeFields.MISSING);
    }

    @Test
    void alternatingSchemasAreEachResolvedCorrectly() {
        FieldPath db = new FieldPath("source", "db");
        for (int i = 0; i < 3; i++) {
            assertThat(db.get(orders.create(i, "x").value())).isEqualTo("inventory");
            assertThat(db.get(other.create(i, "x").value())).isEqualTo("billing");
            assertThat(db.get(schemaless(other.create(i, "x")).value())).isEqualTo("billing");
        }
    }

    @Test
    void nonContainerValuesHaveNoFields() {
        assertThat(new FieldPath("op").get("text")).isSameAs(ChangeFields.MISSING);
        assertThat(new FieldPath("op").get(null)).isNull();
    }
}
