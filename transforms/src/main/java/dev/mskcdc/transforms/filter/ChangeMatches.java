package dev.mskcdc.transforms.filter;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import dev.mskcdc.transforms.PluginBase;
import dev.mskcdc.transforms.records.EnvelopeView;
import dev.mskcdc.transforms.records.RecordKind;
import dev.mskcdc.transforms.records.TombstoneFollower;

/** A Kafka Connect predicate over Debezium change events, in ChangeFilter's condition language. */
public class ChangeMatches<R extends ConnectRecord<R>> extends PluginBase implements Predicate<R> {

    public static final String OVERVIEW_DOC =
            "A predicate that is true for a Debezium data change whose value satisfies "
                    + "the condition, and for the tombstone right after a delete that matched. Heartbeats, schema changes, "
                    + "transaction records and other records never match. Combine it with Kafka's Filter or any other SMT "
                    + "(predicate=..., negate=true to invert). Note: with Filter and negate=true, every non-matching record, "
                    + "heartbeats included, is dropped; ChangeFilter keeps them by default.";

    public static final String CONDITION = ConditionSettings.CONDITION;
    public static final String MISSING_FIELDS = ConditionSettings.MISSING_FIELDS;

    private static final String GROUP = "Predicate";

    public static final ConfigDef CONFIG_DEF = ConditionSettings.define(
            new ConfigDef(), GROUP, ConfigDef.NO_DEFAULT_VALUE, "The condition a data change must satisfy.");

    private Condition condition;
    private final TombstoneFollower follower = new TombstoneFollower();
    private final EnvelopeView envelope = new EnvelopeView();

    public ChangeMatches() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        condition = ConditionSettings.condition(new AbstractConfig(CONFIG_DEF, props));
    }

    @Override
    public boolean test(R record) {
        RecordKind kind = envelope.kind(record);
        if (kind == RecordKind.TOMBSTONE) {
            return follower.decisionFor(record, false);
        }
        if (kind != RecordKind.DATA_CHANGE) {
            return false;
        }
        boolean matches = condition.test(record.value(), record.topic());
        if (envelope.isDelete(record.value())) {
            follower.rememberDelete(record, matches);
        }
        return matches;
    }

    @Override
    public void close() {}
}
