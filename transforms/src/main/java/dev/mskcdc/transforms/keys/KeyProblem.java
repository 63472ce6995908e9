package dev.mskcdc.transforms.keys;

import org.apache.kafka.connect.errors.DataException;

/**
 * A key NormalizeKey cannot normalize, found where the key is read. Which key part it was (the key or a
 * primary-key-change header) and the topic are added once, where NormalizeKey catches it:
 * {@code <lead><part><subject> on topic '<topic>'<detail>}.
 */
final class KeyProblem extends RuntimeException {

    private static final String PREFIX = "NormalizeKey: ";

    private final String lead;
    private final String subject;
    private final String detail;

    private KeyProblem(String lead, String subject, String detail) {
        super(null, null, false, false);
        this.lead = lead;
        this.subject = subject;
        this.detail = detail;
    }

    /** A problem with one field's value or type: {@code detail} follows "<part> field '<name>' on topic '<topic>' ". */
    static KeyProblem field(String name, String detail) {
        return new KeyProblem(PREFIX, " field '" + name + "'", " " + detail);
    }

    static KeyProblem missingField(String name, Object present) {
        return new KeyProblem(
                PREFIX + "the ",
                " of a record",
                " has no field '" + name + "' (it has " + present + "); fix " + NormalizeKey.FIELDS + ", "
                        + NormalizeKey.CI_FIELDS + ", " + NormalizeKey.PAD_FIELDS + " or "
                        + NormalizeKey.BINARY_FIELDS);
    }

    static KeyProblem sameOutputName(String name) {
        return new KeyProblem(
                PREFIX + "two ",
                " fields",
                " become '" + name + "' after " + NormalizeKey.FIELD_NAME_CASE + "; list only one of them in "
                        + NormalizeKey.FIELDS);
    }

    static KeyProblem notAStructOrMap(Object key) {
        return new KeyProblem(
                "NormalizeKey needs a Struct or Map ",
                "",
                ", got a " + key.getClass().getSimpleName()
                        + "; place NormalizeKey before transforms that flatten the key");
    }

    /** The user-facing error, for the key part ("key" or "header") of a record on {@code topic}. */
    DataException on(String part, String topic) {
        return new DataException(lead + part + subject + " on topic '" + topic + "'" + detail);
    }
}
