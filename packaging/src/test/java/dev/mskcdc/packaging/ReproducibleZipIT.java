package dev.mskcdc.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two builds of the same sources give the same ZIP, byte for byte: this one (the ZIP under test) and a
 * second, clean one from a copy of the source tree.
 */
class ReproducibleZipIT {

    private static final Set<String> NOT_SOURCES = Set.of("target", ".git", ".local-stack", ".idea");

    @Test
    void aSecondCleanBuildGivesAByteIdenticalZip() throws Exception {
        Path sources = Path.of("..").toAbsolutePath().normalize();
        Path copy = Path.of("target", "reproducible-build").toAbsolutePath();
        deleteRecursively(copy);
        copySources(sources, copy);

        Path log = copy.resolveSibling("reproducible-build.log");
        Process build = new ProcessBuilder(
                        "./mvnw", "-B", "-o", "-q", "package", "-Dmaven.test.skip=true", "-pl", "packaging", "-am")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(build.waitFor(15, TimeUnit.MINUTES))
                .as("second build finished")
                .isTrue();
        assertThat(build.exitValue()).as("second build succeeded; see " + log).isZero();

        Path rebuilt = copy.resolve("packaging/target").resolve(PluginZip.path().getFileName());
        assertThat(sha256(rebuilt)).as(differences(PluginZip.path(), rebuilt)).isEqualTo(sha256(PluginZip.path()));
    }

    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file :
                    files.filter(path -> !excluded(from.relativize(path))).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static boolean excluded(Path relative) {
        for (Path part : relative) {
            if (NOT_SOURCES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Names the entries whose content or metadata differ, so a failure says where to look. */
    private static String differences(Path first, Path second) {
        try (ZipFile a = new ZipFile(first.toFile());
                ZipFile b = new ZipFile(second.toFile())) {
            List<String> differing = a.stream()
                    .filter(entry -> {
                        var other = b.getEntry(entry.getName());
                        return other == null || other.getCrc() != entry.getCrc() || other.getTime() != entry.getTime();
                    })
                    .map(entry -> entry.getName())
                    .toList();
            return "entries that differ: " + differing;
        } catch (IOException e) {
            return "(cannot compare entries: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
