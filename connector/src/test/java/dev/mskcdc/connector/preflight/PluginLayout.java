package dev.mskcdc.connector.preflight;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The part of the unpacked plugin ZIP the preflight runs from: bin/preflight and, in lib/, this module's
 * classes as a jar plus the MySQL driver. Nothing else: no Kafka, no Debezium, as on a user's laptop.
 */
final class PluginLayout {

    static Path create(Path root) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.copy(Path.of("bin/preflight"), bin.resolve("preflight"), StandardCopyOption.REPLACE_EXISTING);
        jar(Path.of("target/classes"), lib.resolve("mskcdc-connector-0.1.0-SNAPSHOT.jar"));
        Path driver = jarOf(com.mysql.cj.jdbc.Driver.class);
        Files.copy(driver, lib.resolve(driver.getFileName()));
        return root;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private PluginLayout() {}
}
