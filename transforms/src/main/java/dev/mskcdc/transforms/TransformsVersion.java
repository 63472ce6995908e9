package dev.mskcdc.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Maven project version, filtered into the jar at build time, for {@code Versioned}. */
public final class TransformsVersion {

    private static final String VERSION = load();

    private TransformsVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = TransformsVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the transforms jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties from the transforms jar", e);
        }
    }
}
