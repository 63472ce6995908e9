package dev.mskcdc.transforms.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import dev.mskcdc.transforms.DebeziumRecords;
import dev.mskcdc.transforms.records.KeyHeaders;

import static dev.mskcdc.transforms.DebeziumRecords.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NormalizeKeyTest {

    /** A composite key: customers(Tenant VARCHAR _ci, ID INT, Code CHAR(4), Uuid BINARY(4)). */
    private static final Schema KEY = SchemaBuilder.struct()
            .name("shop.crm.customers.Key")
            .field("Tenant", Schema.STRING_SCHEMA)
            .field("ID", Schema.INT32_SCHEMA)
            .field("Code", Schema.OPTIONAL_STRING_SCHEMA)
            .field("Uuid", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();

    private final NormalizeKey<SourceRecord> normalize = new NormalizeKey<>();
    private final DebeziumRecords orders = DebeziumRecords.orders();

    private NormalizeKey<SourceRecord> configured(String... keyValues) {
        normalize.configure(props(keyValues));
        return normalize;
    }

    private static Struct key(String tenant, int id, String code, Object uuid) {
        return new Struct(KEY)
                .put("Tenant", tenant)
                .put("ID", id)
                .put("Code", code)
                .put("Uuid", uuid);
    }

    private SourceRecord withKey(SourceRecord record, Object key) {
        return record.newRecord(
                "shop.crm.customers",
                null,
                key instanceof Struct ? KEY : null,
                key,
                record.valueSchema(),
                record.value(),
                record.timestamp());
    }

    private SourceRecord create(Object key) {
        return withKey(orders.create(1, "x"), key);
    }

    private SourceRecord tombstone(Object key) {
        return withKey(orders.tombstone(1), key);
    }

    @Test
    void defaultsKeepAllFieldsInSchemaOrder() {
        Struct key = key("acme", 42, "AB", new byte[] {1});
        SourceRecord out = configured().apply(create(key));
        assertThat(out.key()).isEqualTo(key);
        assertThat(out.keySchema().fields()).extracting(f -> f.name()).containsExactly("Tenant", "ID", "Code", "Uuid");
    }

    @Test
    void chosenFieldsComeInTheConfiguredOrderWithNormalizedNames() {
        SourceRecord out = configured("fields", "ID,Tenant", "field.name.case", "lower")
                .apply(create(key("acme", 42, "AB", null)));
        Struct key = (Struct) out.key();
        assertThat(out.keySchema().fields()).extracting(f -> f.name()).containsExactly("id", "tenant");
        assertThat(key.getInt32("id")).isEqualTo(42);
        assertThat(key.getString("tenant")).isEqualTo("acme");
        assertThat(out.keySchema().name()).isEqualTo("shop.crm.customers.Key");
    }

    @Test
    void caseInsensitiveColumnsFoldToOneKey() {
        configured("ci.fields", "Tenant");
        assertThat(normalize.apply(create(key("ACME", 1, null, null))).key())
                .isEqualTo(normalize.apply(create(key("Acme", 1, null, null))).key());
    }

    @Test
    void padSpaceColumnsLoseTrailingSpacesOnly() {
        configured("pad.fields", "Code");
        Struct out =
                (Struct) normalize.apply(create(key("a", 1, " AB  ", null))).key();
        assertThat(out.getString("Code")).isEqualTo(" AB");
    }

    @Test
    void binaryColumnsArePaddedToTheirLength() {
        configured("binary.fields", "Uuid:4");
        Struct fromBytes = (Struct) normalize
                .apply(create(key("a", 1, null, new byte[] {1, 2})))
                .key();
        Struct fromBuffer = (Struct) normalize
                .apply(create(key("a", 1, null, ByteBuffer.wrap(new byte[] {1, 2, 0}))))
                .key();
        assertThat(fromBytes.getBytes("Uuid")).containsExactly(1, 2, 0, 0);
        assertThat(fromBuffer.getBytes("Uuid")).containsExactly(1, 2, 0, 0);
        assertThat(fromBytes).isEqualTo(fromBuffer);
    }

    @Test
    void stringOutputIsCanonicalText() {
        configured("output", "string", "fields", "Tenant,ID,Code,Uuid");
        SourceRecord out = normalize.apply(create(key("a|b\\c", 42, null, new byte[] {(byte) 0xAB, 1})));
        assertThat(out.key()).isEqualTo("a\\|b\\\\c|42|\\N|ab01");
        assertThat(out.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void hashOutputIsSha256OfCanonicalText() {
        configured("output", "hash", "fields", "Tenant,ID");
        assertThat(normalize.apply(create(key("acme", 42, null, null))).key())
                .isEqualTo("dbf12ffd651dfb7622e30425b354f3c17ba411c3b9b39fd84907041f07521553");
        SourceRecord single = configured("output", "hash").apply(orders.create(42, "x"));
        assertThat(single.key()).isEqualTo("73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049");
    }

    @Test
    void tombstoneGetsTheSameKeyAndPartitionAsItsDelete() {
        configured("ci.fields", "Tenant", "partitions", "12", "output", "hash");
        SourceRecord delete = normalize.apply(withKey(orders.delete(1, "x"), key("ACME", 7, "x", null)));
        SourceRecord tombstone = normalize.apply(tombstone(key("ACME", 7, "x", null)));
        assertThat(tombstone.key()).isEqualTo(delete.key());
        assertThat(tombstone.kafkaPartition())
                .isEqualTo(delete.kafkaPartition())
                .isNotNull();
        assertThat(tombstone.topic()).isEqualTo(delete.topic());
    }

    @Test
    void partitionIsMurmur2OfCanonicalTextIndependentOfOutputForm() {
        int expected = Utils.toPositive(Utils.murmur2("acme|42".getBytes(StandardCharsets.UTF_8))) % 12;
        for (String output : new String[] {"struct", "string", "hash"}) {
            configured("fields", "Tenant,ID", "partitions", "12", "output", output);
            assertThat(normalize.apply(create(key("acme", 42, null, null))).kafkaPartition())
                    .isEqualTo(expected);
        }
    }

    @Test
    void partitionDependsOnFieldOrder() {
        configured("fields", "Tenant,Code", "partitions", "1000");
        int ab = normalize.apply(create(key("a", 1, "b", null))).kafkaPartition();
        int ba = normalize.apply(create(key("b", 1, "a", null))).kafkaPartition();
        assertThat(ab).isNotEqualTo(ba);
    }

    @Test
    void primaryKeyChangeHeadersAreRewrittenToMatch() {
        configured("ci.fields", "Tenant", "output", "string", "fields", "Tenant,ID");
        SourceRecord delete = withKey(orders.delete(1, "x"), key("OLD", 1, null, null));
        delete.headers().add(KeyHeaders.NEW_KEY, key("NEW", 2, null, null), KEY);
        SourceRecord create = create(key("NEW", 2, null, null));
        create.headers().add(KeyHeaders.OLD_KEY, key("OLD", 1, null, null), KEY);
        SourceRecord outDelete = normalize.apply(delete);
        SourceRecord outCreate = normalize.apply(create);
        assertThat(outDelete.headers().lastWithName(KeyHeaders.NEW_KEY).value())
                .isEqualTo(outCreate.key())
                .isEqualTo("new|2");
        assertThat(outCreate.headers().lastWithName(KeyHeaders.OLD_KEY).value())
                .isEqualTo(outDelete.key())
                .isEqualTo("old|1");
        assertThat(outCreate.headers().lastWithName(KeyHeaders.OLD_KEY).schema())
                .isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void schemalessKeysUseSortedFieldsByDefault() {
        Map<String, Object> key = new HashMap<>(Map.of("b", "X ", "a", 1));
        SourceRecord out = configured("output", "string", "pad.fields", "b").apply(create(key));
        assertThat(out.key()).isEqualTo("1|X");
        assertThat(out.keySchema()).isNull();
        SourceRecord struct = configured("field.name.case", "upper").apply(create(key));
        assertThat(struct.key()).isEqualTo(Map.of("A", 1, "B", "X "));
    }

    @Test
    void nonDataRecordsAndNullKeysPassUntouched() {
        configured("output", "hash", "partitions", "3");
        SourceRecord heartbeat = orders.heartbeat();
        SourceRecord keyless = withKey(orders.create(1, "x"), null);
        assertThat(normalize.apply(heartbeat)).isSameAs(heartbeat);
        assertThat(normalize.apply(orders.schemaChange()).key())
                .isEqualTo(orders.schemaChange().key());
        assertThat(normalize.apply(keyless)).isSameAs(keyless);
    }

    @Test
    void missingKeyFieldFailsNamingTopicAndFields() {
        configured("fields", "ID,Region");
        assertThatThrownBy(() -> normalize.apply(create(key("a", 1, null, null))))
                .isInstanceOf(DataException.class)
                .hasMessage("NormalizeKey: the key of a record on topic 'shop.crm.customers' has no field 'Region' "
                        + "(it has [Tenant, ID, Code, Uuid]); fix fields, ci.fields, pad.fields or binary.fields");
    }

    @Test
    void ruleOnAFieldTheKeyLacksFails() {
        configured("ci.fields", "Email");
        assertThatThrownBy(() -> normalize.apply(create(key("a", 1, null, null))))
                .isInstanceOf(DataException.class)
                .hasMessage("NormalizeKey: the key of a record on topic 'shop.crm.customers' has no field 'Email' "
                        + "(it has [Tenant, ID, Code, Uuid]); fix fields, ci.fields, pad.fields or binary.fields");
    }

    @Test
    void caseFoldingANumberFails() {
        configured("ci.fields", "ID");
        assertThatThrownBy(() -> normalize.apply(create(key("a", 1, null, null))))
                .isInstanceOf(DataException.class)
                .hasMessage("NormalizeKey: key field 'ID' on topic 'shop.crm.customers' is INT32, but ci.fields "
                        + "applies to text; remove it there");
    }

    @Test
    void binaryRuleOnTextFailsWithTheConnectorFix() {
        configured("binary.fields", "Code:4");
        assertThatThrownBy(() -> normalize.apply(create(key("a", 1, "x", null))))
                .isInstanceOf(DataException.class)
                .hasMessage("NormalizeKey: key field 'Code' on topic 'shop.crm.customers' is STRING, but binary.fields "
                        + "needs bytes; set binary.handling.mode=bytes on the connector");
    }

    @Test
    void binaryLongerThanItsLengthFails() {
        configured("binary.fields", "Uuid:2");
        assertThatThrownBy(() -> normalize.apply(create(key("a", 1, null, new byte[] {1, 2, 3}))))
                .isInstanceOf(DataException.class)
                .hasMessage("NormalizeKey: key field 'Uuid' on topic 'shop.crm.customers' has 3 bytes, more than "
                        + "BINARY(2); fix its length in binary.fields");
    }

    @Test
    void fieldNamesCollidingAfterCaseFoldingFail() {
        Schema schema = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("ID", Schema.INT32_SCHEMA)
                .build();
        configured("field.name.case", "lower");
        SourceRecord record = orders.create(1, "x")
                .newRecord(
                        "t",
                        null,
                        schema,
                        new Struct(schema).put("id", 1).put("ID", 2),
                        orders.create(1, "x").valueSchema(),
                        orders.create(1, "x").value(),
                        null);
        assertThatThrownBy(() -> normalize.apply(record))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "NormalizeKey: two key fields on topic 't' become 'id' after field.name.case; list only one "
                                + "of them in fields");
    }

    @Test
    void flattenedKeyFails() {
        configured();
        assertThatThrownBy(() -> normalize.apply(create("42")))
                .isInstanceOf(DataException.class)
                .hasMessage("NormalizeKey needs a Struct or Map key on topic 'shop.crm.customers', got a String; place "
                        + "NormalizeKey before transforms that flatten the key");
    }

    @Test
    void ruleFieldsMustBeChosen() {
        assertThatThrownBy(() -> configured("fields", "ID", "ci.fields", "Tenant"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value Tenant for configuration ci.fields: field 'Tenant' is not in fields [ID]; "
                        + "add it there or remove it here");
    }

    @Test
    void binaryLengthMustBeMysqlsRange() {
        assertThatThrownBy(() -> configured("binary.fields", "Uuid:256"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value Uuid:256 for configuration binary.fields: entry 'Uuid:256' needs a length "
                        + "from 1 to 255, as in BINARY(16): 'Uuid:16'");
        assertThatThrownBy(() -> configured("binary.fields", "Uuid"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value [Uuid] for configuration binary.fields: entry 'Uuid' is not of the form "
                        + "<field>:<length>");
    }

    @Test
    void binaryFieldCannotAlsoBeText() {
        assertThatThrownBy(() -> configured("binary.fields", "Uuid:16", "pad.fields", "Uuid"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Invalid value Uuid for configuration binary.fields: field 'Uuid' is binary and cannot also "
                                + "be in ci.fields or pad.fields");
    }

    @Test
    void fieldListedTwiceIsRejected() {
        assertThatThrownBy(() -> configured("fields", "ID,Tenant,ID"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value ID,Tenant,ID for configuration fields: field 'ID' is listed twice");
    }

    @Test
    void negativePartitionsAreRejected() {
        assertThatThrownBy(() -> configured("partitions", "-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value -1 for configuration partitions: Value must be at least 0");
    }
}
