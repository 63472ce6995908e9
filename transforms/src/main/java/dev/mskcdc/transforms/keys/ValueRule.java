package dev.mskcdc.transforms.keys;

import java.nio.ByteBuffer;
import java.util.Locale;

import org.apache.kafka.connect.data.Schema;

/** How one key column's value is normalized for MySQL's notion of equality. */
enum ValueRule {
    AS_IS(null),
    /** _ci collations: 'Bob' and 'BOB' are one row. */
    CASE_FOLD(NormalizeKey.CI_FIELDS),
    /** PAD SPACE collations: 'ab' and 'ab  ' are one row. */
    TRIM_PAD(NormalizeKey.PAD_FIELDS),
    /** BINARY(n): MySQL stores values right-padded with 0x00 to n bytes. */
    BINARY_PAD(NormalizeKey.BINARY_FIELDS);

    /** The setting that gives a column this rule. */
    private final String setting;

    ValueRule(String setting) {
        this.setting = setting;
    }

    /** Fails when the column's type cannot take this rule (checked once per key schema). */
    void requireFits(String name, Schema.Type type) {
        if ((this == CASE_FOLD || this == TRIM_PAD) && type != Schema.Type.STRING) {
            throw KeyProblem.field(name, "is " + type + ", but " + setting + " applies to text; remove it there");
        }
        if (this == BINARY_PAD && type != Schema.Type.BYTES) {
            throw KeyProblem.field(
                    name,
                    "is " + type + ", but " + setting + " needs bytes; set "
                            + "binary.handling.mode=bytes on the connector");
        }
    }

    /** The normalized value; {@code length} is the BINARY(n) length, used by BINARY_PAD only. */
    Object apply(String name, Object value, int length) {
        if (value == null || this == AS_IS) {
            return value;
        }
        if (this == BINARY_PAD) {
            return padBinary(name, value, length);
        }
        if (!(value instanceof String text)) {
            throw KeyProblem.field(
                    name,
                    "holds a " + value.getClass().getSimpleName() + ", but " + setting
                            + " applies to text; remove it there");
        }
        return this == CASE_FOLD ? text.toLowerCase(Locale.ROOT) : stripTrailingSpaces(text);
    }

    private static String stripTrailingSpaces(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    private byte[] padBinary(String name, Object value, int length) {
        byte[] bytes;
        if (value instanceof byte[] array) {
            bytes = array;
        } else if (value instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            throw KeyProblem.field(
                    name,
                    "holds a " + value.getClass().getSimpleName() + ", but " + setting
                            + " needs bytes; set binary.handling.mode=bytes on the connector");
        }
        if (bytes.length > length) {
            throw KeyProblem.field(
                    name,
                    "has " + bytes.length + " bytes, more than BINARY(" + length + "); fix its length in " + setting);
        }
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        return padded;
    }
}
