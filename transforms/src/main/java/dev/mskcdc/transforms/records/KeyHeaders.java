package dev.mskcdc.transforms.records;

import java.util.function.UnaryOperator;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * Debezium's primary-key-change headers: the delete of the old key carries the new key in
 * {@code __debezium.newkey}, the create of the new key carries the old key in
 * {@code __debezium.oldkey}. A transform that rewrites keys must rewrite these the same way.
 */
public final class KeyHeaders {

    public static final String OLD_KEY = "__debezium.oldkey";
    public static final String NEW_KEY = "__debezium.newkey";

    private KeyHeaders() {}

    /** Copies of {@code headers} with both key headers passed through {@code rewrite}, or null if neither is present. */
    public static Headers rewritten(Headers headers, UnaryOperator<SchemaAndValue> rewrite) {
        Header oldKey = headers.lastWithName(OLD_KEY);
        Header newKey = headers.lastWithName(NEW_KEY);
        if (oldKey == null && newKey == null) {
            return null;
        }
        Headers copy = headers.duplicate();
        replace(copy, oldKey, rewrite);
        replace(copy, newKey, rewrite);
        return copy;
    }

    private static void replace(Headers headers, Header header, UnaryOperator<SchemaAndValue> rewrite) {
        if (header == null || header.value() == null) {
            return;
        }
        SchemaAndValue rewritten = rewrite.apply(new SchemaAndValue(header.schema(), header.value()));
        headers.remove(header.key());
        headers.add(header.key(), rewritten);
    }
}
