package dev.mskcdc.transforms.records;

import java.util.Locale;

/** Case folding of names (topic names, key field names), always with Locale.ROOT. */
public enum LetterCase {
    NONE,
    LOWER,
    UPPER;

    public String apply(String name) {
        return switch (this) {
            case NONE -> name;
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case UPPER -> name.toUpperCase(Locale.ROOT);
        };
    }
}
