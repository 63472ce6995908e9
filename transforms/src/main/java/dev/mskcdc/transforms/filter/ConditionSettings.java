package dev.mskcdc.transforms.filter;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import dev.mskcdc.transforms.ConfigValidators;

/** The two settings ChangeFilter and ChangeMatches share: the condition, and what it does with a missing field. */
final class ConditionSettings {

    static final String CONDITION = "condition";
    static final String MISSING_FIELDS = "missing.fields";

    private ConditionSettings() {}

    /** Defines both settings first in {@code group}; {@code conditionDoc} is followed by the grammar. */
    static ConfigDef define(ConfigDef def, String group, Object conditionDefault, String conditionDoc) {
        return def.define(
                        CONDITION,
                        ConfigDef.Type.STRING,
                        conditionDefault,
                        conditionValidator(),
                        ConfigDef.Importance.HIGH,
                        conditionDoc + " " + ConditionParser.GRAMMAR_DOC,
                        group,
                        1,
                        ConfigDef.Width.LONG,
                        "Condition")
                .define(
                        MISSING_FIELDS,
                        ConfigDef.Type.STRING,
                        "null",
                        ConfigValidators.oneOf(MissingFieldPolicy.class),
                        ConfigDef.Importance.MEDIUM,
                        "What the condition does with a field the event does not have: 'null' reads it "
                                + "as null, 'fail' fails the record with an error naming the topic and field.",
                        group,
                        2,
                        ConfigDef.Width.SHORT,
                        "Missing fields");
    }

    static Condition condition(AbstractConfig config) {
        MissingFieldPolicy missing =
                ConfigValidators.constant(MissingFieldPolicy.class, config.getString(MISSING_FIELDS));
        return ConditionParser.parse(CONDITION, config.getString(CONDITION), missing);
    }

    private static ConfigDef.Validator conditionValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                ConditionParser.parse(name, (String) value, MissingFieldPolicy.NULL);
            }

            @Override
            public String toString() {
                return "a condition (see the grammar in the description)";
            }
        };
    }
}
