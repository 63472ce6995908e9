package dev.mskcdc.transforms.filter;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import dev.mskcdc.transforms.TransformsVersion;
import dev.mskcdc.transforms.records.FieldPath;
import dev.mskcdc.transforms.records.RecordKind;
import dev.mskcdc.transforms.records.RecordKinds;
import dev.mskcdc.transforms.records.TombstoneFollower;

/** A Kafka Connect predicate over Debezium change events, in ChangeFilter's condition language. */
public class ChangeMatches<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

    public static final String OVERVIEW_DOC =
            "A predicate that is true for a Debezium data change whose value satisfies "
                    + "the condition, and for the tombstone right after a delete that matched. Heartbeats, schema changes, "
                    + "transaction records and other records never match. Combine it with Kafka's Filter or any other SMT "
                    + "(predicate=..., negate=true to invert). Note: with Filter and negate=true, every non-matching record, "
                    + "heartbeats included, is dropped; ChangeFilter keeps them by default.";

    public static final String CONDITION = "condition";
    public static final String MISSING_FIELDS = "missing.fields";

    private static final String GROUP = "Predicate";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    CONDITION,
                    ConfigDef.Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    ChangeFilter.conditionValidator(),
                    ConfigDef.Importance.HIGH,
                    "The condition a data change must satisfy. " + ConditionParser.GRAMMAR_DOC,
                    GROUP,
                    1,
                    ConfigDef.Width.LONG,
                    "Condition")
            .define(
                    MISSING_FIELDS,
                    ConfigDef.Type.STRING,
                    "null",
                    ConfigDef.ValidString.in("null", "fail"),
                    ConfigDef.Importance.MEDIUM,
                    "What the condition does with a field the event does not have: 'null' reads it "
                            + "as null, 'fail' fails the record with an error naming the topic and field.",
                    GROUP,
                    2,
                    ConfigDef.Width.SHORT,
                    "Missing fields");

    private Condition condition;
    private final TombstoneFollower follower = new TombstoneFollower();
    private final FieldPath opPath = new FieldPath("op");

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        MissingFieldPolicy missing = MissingFieldPolicy.parse(config.getString(MISSING_FIELDS));
        condition = ConditionParser.parse(CONDITION, config.getString(CONDITION), missing);
    }

    @Override
    public boolean test(R record) {
        RecordKind kind = RecordKinds.of(record);
        if (kind == RecordKind.TOMBSTONE) {
            return follower.decisionFor(record, false);
        }
        if (kind != RecordKind.DATA_CHANGE) {
            return false;
        }
        boolean matches = condition.test(record.value(), record.topic());
        if ("d".equals(opPath.string(record.value()))) {
            follower.rememberDelete(record, matches);
        }
        return matches;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return TransformsVersion.get();
    }

    @Override
    public void close() {}
}
