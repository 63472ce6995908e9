package dev.mskcdc.transforms.routing;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mskcdc.transforms.DebeziumRecords;
import dev.mskcdc.transforms.TransformsVersion;
import dev.mskcdc.transforms.records.KeyHeaders;

import static dev.mskcdc.transforms.DebeziumRecords.props;
import static dev.mskcdc.transforms.DebeziumRecords.schemaless;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicRouterTest {

    private static final String SHARD_REGEX = "(?<prefix>.+)\\.(?<db>[^.]+)\\.(?<table>orders)_(?<shard>\\d+)";

    private final TopicRouter<SourceRecord> router = new TopicRouter<>();
    private final DebeziumRecords orders = DebeziumRecords.orders();

    @AfterEach
    void close() {
        router.close();
    }

    private TopicRouter<SourceRecord> configured(String... keyValues) {
        router.configure(props(keyValues));
        return router;
    }

    @Test
    void defaultsKeepDebeziumTopicNamesAndTheRecordItself() {
        SourceRecord create = orders.create(1, "new");
        assertThat(configured().apply(create)).isSameAs(create);
    }

    @Test
    void templateInsertsNamedGroups() {
        SourceRecord routed = configured("replacement", "cdc.${db}_${table}").apply(orders.create(1, "new"));
        assertThat(routed.topic()).isEqualTo("cdc.inventory_orders");
        assertThat(routed.key()).isEqualTo(orders.key(1));
        assertThat(routed.value()).isEqualTo(orders.create(1, "new").value());
    }

    @Test
    void templateInsertsNumberedGroups() {
        SourceRecord routed = configured("replacement", "$2-$3").apply(orders.create(1, "new"));
        assertThat(routed.topic()).isEqualTo("inventory-orders");
    }

    @Test
    void lookupWinsOverTemplateAndIsUsedAsWritten() {
        configured(
                "replacement",
                "${db}.${table}",
                "topic.case",
                "upper",
                "lookup",
                "inventory.orders:Orders-V2, inventory.customers:people");
        assertThat(router.apply(orders.create(1, "new")).topic()).isEqualTo("Orders-V2");
        assertThat(router.apply(new DebeziumRecords("shop", "inventory", "items").create(1, "x"))
                        .topic())
                .isEqualTo("INVENTORY.ITEMS");
    }

    @Test
    void prefixIsStripped() {
        assertThat(configured("prefix.strip", "true")
                        .apply(orders.create(1, "new"))
                        .topic())
                .isEqualTo("inventory.orders");
    }

    @Test
    void prefixWithDotsIsReadWhole() {
        SourceRecord record = new DebeziumRecords("eu.prod.shop", "inventory", "orders").create(1, "new");
        assertThat(configured("prefix.strip", "true").apply(record).topic()).isEqualTo("inventory.orders");
    }

    @Test
    void lowerCaseFoldingUsesLocaleRootEvenUnderTurkishDefault() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            SourceRecord record = new DebeziumRecords("SHOP", "INVENTORY", "ITEMS").create(1, "x");
            assertThat(configured("topic.case", "lower").apply(record).topic()).isEqualTo("shop.inventory.items");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void caseFoldingTwoTablesIntoOneTopicFails() {
        configured("topic.case", "lower");
        router.apply(new DebeziumRecords("shop", "inventory", "Orders").create(1, "x"));
        assertThatThrownBy(() -> router.apply(orders.create(1, "x")))
                .isInstanceOf(DataException.class)
                .hasMessage("TopicRouter with topic.case=lower would send topic 'shop.inventory.orders' (routed to "
                        + "'shop.inventory.orders') and the table routed to 'shop.inventory.Orders' both to "
                        + "'shop.inventory.orders'; these are different tables: add a lookup entry for one of them or "
                        + "set topic.case=none");
    }

    @Test
    void shardedTablesMergeWithCompactShardIdInKey() {
        configured("regex", SHARD_REGEX, "replacement", "${prefix}.${db}.${table}", "shard.key.field", "__shard");
        SourceRecord routed = router.apply(new DebeziumRecords("shop", "inventory", "orders_12").create(7, "new"));
        assertThat(routed.topic()).isEqualTo("shop.inventory.orders");
        Struct key = (Struct) routed.key();
        assertThat(key.getInt32("id")).isEqualTo(7);
        assertThat(key.getString("__shard")).isEqualTo("12");
        assertThat(routed.keySchema().fields()).extracting(f -> f.name()).containsExactly("id", "__shard");
        assertThat(routed.keySchema().name()).isEqualTo("shop.inventory.orders_12.Key");
    }

    @Test
    void tombstoneGetsSameTopicKeyAndPartitionAsItsDelete() {
        configured("regex", SHARD_REGEX, "shard.key.field", "__shard");
        DebeziumRecords shard = new DebeziumRecords("shop", "inventory", "orders_3");
        SourceRecord delete = router.apply(shard.delete(9, "paid"));
        SourceRecord tombstone = router.apply(shard.tombstone(9));
        assertThat(tombstone.topic()).isEqualTo(delete.topic()).isEqualTo("shop.inventory.orders");
        assertThat(tombstone.key()).isEqualTo(delete.key());
        assertThat(tombstone.keySchema()).isEqualTo(delete.keySchema());
        assertThat(tombstone.kafkaPartition()).isEqualTo(delete.kafkaPartition());
        assertThat(tombstone.value()).isNull();
    }

    @Test
    void sameRowInTwoShardsKeepsDistinctKeys() {
        configured("regex", SHARD_REGEX, "shard.key.field", "__shard");
        SourceRecord a = router.apply(new DebeziumRecords("shop", "inventory", "orders_1").create(5, "x"));
        SourceRecord b = router.apply(new DebeziumRecords("shop", "inventory", "orders_2").create(5, "x"));
        assertThat(a.topic()).isEqualTo(b.topic());
        assertThat(a.key()).isNotEqualTo(b.key());
    }

    @Test
    void primaryKeyChangeHeadersGetTheShardFieldToo() {
        configured("regex", SHARD_REGEX, "shard.key.field", "__shard");
        DebeziumRecords shard = new DebeziumRecords("shop", "inventory", "orders_4");
        SourceRecord delete = shard.delete(1, "x");
        delete.headers().add(KeyHeaders.NEW_KEY, shard.key(2), shard.keySchema());
        SourceRecord routed = router.apply(delete);
        Struct newKey =
                (Struct) routed.headers().lastWithName(KeyHeaders.NEW_KEY).value();
        assertThat(newKey.getInt32("id")).isEqualTo(2);
        assertThat(newKey.getString("__shard")).isEqualTo("4");
        assertThat(delete.headers().lastWithName(KeyHeaders.NEW_KEY).value()).isEqualTo(shard.key(2));
    }

    @Test
    void schemalessRecordsAreRoutedAndGetShardInMapKey() {
        configured("regex", SHARD_REGEX, "shard.key.field", "__shard");
        SourceRecord routed =
                router.apply(schemaless(new DebeziumRecords("shop", "inventory", "orders_8").create(3, "x")));
        assertThat(routed.topic()).isEqualTo("shop.inventory.orders");
        assertThat(routed.key()).isEqualTo(Map.of("id", 3, "__shard", "8"));
    }

    @Test
    void shardFieldAlreadyInKeyFails() {
        configured("regex", SHARD_REGEX, "shard.key.field", "id");
        assertThatThrownBy(() -> router.apply(new DebeziumRecords("shop", "inventory", "orders_1").create(1, "x")))
                .isInstanceOf(DataException.class)
                .hasMessage("The key of a record on topic 'shop.inventory.orders_1' already has a field 'id'; "
                        + "choose another shard.key.field");
    }

    @Test
    void shardFieldOnKeylessTableFails() {
        configured("regex", SHARD_REGEX, "shard.key.field", "__shard");
        SourceRecord create = new DebeziumRecords("shop", "inventory", "orders_1").create(1, "x");
        SourceRecord keyless =
                create.newRecord(create.topic(), null, null, null, create.valueSchema(), create.value(), null);
        assertThatThrownBy(() -> router.apply(keyless))
                .isInstanceOf(DataException.class)
                .hasMessage("TopicRouter cannot add shard.key.field '__shard' to the key of a record on topic "
                        + "'shop.inventory.orders_1': the key is null (a table without primary key), not a Struct or Map; "
                        + "set message.key.columns on the connector or leave shard.key.field empty");
    }

    @Test
    void keylessTruncateOfAShardIsRoutedWithoutShardField() {
        configured("regex", SHARD_REGEX, "shard.key.field", "__shard");
        SourceRecord truncate =
                new DebeziumRecords("shop", "inventory", "orders_5").change("t", null, null, 1, "false");
        SourceRecord keyless =
                truncate.newRecord(truncate.topic(), null, null, null, truncate.valueSchema(), truncate.value(), null);
        SourceRecord routed = router.apply(keyless);
        assertThat(routed.topic()).isEqualTo("shop.inventory.orders");
        assertThat(routed.key()).isNull();
    }

    @Test
    void nonDataRecordsAreUntouchedByDefault() {
        configured("replacement", "x.${table}");
        for (SourceRecord record :
                new SourceRecord[] {orders.heartbeat(), orders.schemaChange(), orders.transaction("BEGIN")}) {
            assertThat(router.apply(record)).isSameAs(record);
        }
    }

    @Test
    void listedKindsAreRouted() {
        configured("regex", "__debezium-heartbeat\\.(.+)", "replacement", "heartbeats.$1", "kinds", "heartbeat");
        assertThat(router.apply(orders.heartbeat()).topic()).isEqualTo("heartbeats.shop");
        SourceRecord create = orders.create(1, "x");
        assertThat(router.apply(create)).isSameAs(create);
    }

    @Test
    void topicsNotMatchingTheRegexKeepTheirName() {
        SourceRecord create = new DebeziumRecords("shop", "inventory", "orders").create(1, "x");
        assertThat(configured("regex", "other\\.(.*)", "replacement", "$1").apply(create))
                .isSameAs(create);
    }

    @Test
    void illegalTargetTopicFailsNamingTheSourceTopic() {
        configured("replacement", "${db}/${table}");
        assertThatThrownBy(() -> router.apply(orders.create(1, "x")))
                .isInstanceOf(DataException.class)
                .hasMessage("TopicRouter routes topic 'shop.inventory.orders' to 'inventory/orders', which is not a "
                        + "legal Kafka topic name (letters, digits, '.', '_', '-'; 1 to 249 characters); fix replacement "
                        + "or add a lookup entry for this table");
    }

    @Test
    void replacementNamingAnUnknownGroupIsRejected() {
        assertThatThrownBy(() -> configured("replacement", "${schema}.${table}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value ${schema}.${table} for configuration replacement: refers to ${schema}, but "
                        + "regex has no group named 'schema'; its named groups are [db, prefix, table]");
    }

    @Test
    void replacementNamingTooHighAGroupNumberIsRejected() {
        assertThatThrownBy(() -> configured("replacement", "$4"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Invalid value $4 for configuration replacement: refers to $4, but regex has only 3 groups");
    }

    @Test
    void strayDollarIsRejected() {
        assertThatThrownBy(() -> configured("replacement", "a$b"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value a$b for configuration replacement: has a '$' at position 1 that is not "
                        + "${name} or $<number> (topic names cannot contain '$')");
    }

    @Test
    void invalidRegexIsRejected() {
        assertThatThrownBy(() -> configured("regex", "(unclosed"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value (unclosed for configuration regex: not a valid Java regular expression: "
                        + "Unclosed group");
    }

    @Test
    void settingsNeedingAGroupNameIt() {
        assertThatThrownBy(() -> configured("regex", "(.+)", "replacement", "$1", "shard.key.field", "__shard"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value __shard for configuration shard.key.field: needs a named group 'shard' in "
                        + "regex, e.g. (?<shard>...)");
        assertThatThrownBy(() -> configured("regex", "(.+)", "replacement", "$1", "lookup", "a.b:c"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value a.b:c for configuration lookup: needs a named group 'db' in regex, "
                        + "e.g. (?<db>...)");
    }

    @Test
    void malformedLookupEntriesAreRejected() {
        assertThatThrownBy(() -> configured("lookup", "inventory.orders"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Invalid value [inventory.orders] for configuration lookup: entry 'inventory.orders' is not "
                                + "of the form <db>.<table>:<topic>");
        assertThatThrownBy(() -> configured("lookup", "inventory.orders:bad topic"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value inventory.orders:bad topic for configuration lookup: entry "
                        + "'inventory.orders:bad topic' routes to 'bad topic', which is not a legal Kafka topic name "
                        + "(letters, digits, '.', '_', '-'; at most 249)");
    }

    @Test
    void unknownKindIsRejected() {
        assertThatThrownBy(() -> configured("kinds", "data,heartbeats"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value heartbeats for configuration kinds");
    }

    @Test
    void versionIsTheProjectVersion() {
        assertThat(router.version()).isEqualTo(TransformsVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
