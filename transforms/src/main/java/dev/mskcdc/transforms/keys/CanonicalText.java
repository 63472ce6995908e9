package dev.mskcdc.transforms.keys;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;

import org.apache.kafka.common.utils.Utils;

/**
 * A key's canonical text: values in field order joined by '|', '\' and '|' escaped by '\', null as \N,
 * bytes as lower-case hex, decimals as plain text; and what is derived from it (SHA-256, partition).
 */
final class CanonicalText {

    private CanonicalText() {}

    /** {@code names} are the fields the values came from, for the error on a value without a text form. */
    static String of(String[] names, Object[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(NormalizeKey.CANONICAL_SEPARATOR);
            }
            append(text, names[i], values[i]);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value == null) {
            text.append(NormalizeKey.CANONICAL_NULL);
        } else if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == NormalizeKey.CANONICAL_SEPARATOR) {
                    text.append('\\');
                }
                text.append(c);
            }
        } else if (value instanceof byte[] bytes) {
            appendHex(text, bytes);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            appendHex(text, bytes);
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            text.append(value);
        } else if (value instanceof Date date) {
            text.append(date.getTime());
        } else {
            throw KeyProblem.field(
                    name,
                    "holds a " + value.getClass().getSimpleName()
                            + ", which has no canonical text form; choose flat key fields in " + NormalizeKey.FIELDS);
        }
    }

    private static void appendHex(StringBuilder text, byte[] bytes) {
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
    }

    /** Lower-case hex SHA-256 of the text as UTF-8. */
    static String sha256Hex(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            appendHex(hex, digest);
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** murmur2 of the text as UTF-8, mod {@code partitions}: Kafka's default partitioner over these bytes. */
    static int partition(String canonical, int partitions) {
        return Utils.toPositive(Utils.murmur2(canonical.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
