package dev.mskcdc.transforms.records;

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
        if (deleteTopic != null && deleteTopic.equals(tombstone.topic()) && Objects.equals(deleteKey, tombstone.key())) {
            return deleteDecision;
        }
        return otherwise;
    }
}
