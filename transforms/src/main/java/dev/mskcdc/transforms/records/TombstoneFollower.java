package dev.mskcdc.transforms.records;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Remembers the decision taken for the last delete so that the tombstone Debezium emits right
 * after it (same topic, same key) gets the same decision. One instance per transform instance:
 * Connect calls a transform from its task's thread only, and Debezium emits a delete and its
 * tombstone back to back.
 */
public final class TombstoneFollower {

    private String deleteTopic;
    private Object deleteKey;
    private boolean deleteDecision;

    public void rememberDelete(ConnectRecord<?> delete, boolean decision) {
        deleteTopic = delete.topic();
        deleteKey = delete.key();
        deleteDecision = decision;
    }

    /** The remembered delete's decision if {@code tombstone} follows it, else {@code otherwise}. */
    public boolean decisionFor(ConnectRecord<?> tombstone, boolean otherwise) {
        if (deleteTopic != null && deleteTopic.equals(tombstone.topic()) && sameKey(deleteKey, tombstone.key())) {
            return deleteDecision;
        }
        return otherwise;
    }

    /** Key equality by content: schemaless keys are Maps whose byte[] values {@code equals} compares by identity. */
    static boolean sameKey(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !sameKey(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameKey(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
