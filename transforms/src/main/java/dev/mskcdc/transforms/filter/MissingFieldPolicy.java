package dev.mskcdc.transforms.filter;

/** What a condition does with a field path the event does not have (not the same as a null value). */
public enum MissingFieldPolicy {
    /** Read a missing field as null: comparisons are false, {@code is null} is true. */
    NULL,
    /** Fail the record with an error naming the topic and the field. */
    FAIL
}
