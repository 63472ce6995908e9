package dev.mskcdc.localstack.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * MySQL 8.0's mysqld links {@code libaio.so.1}, which Debian and Ubuntu ship in a package of their own. Without it
 * the loader refuses mysqld with a line users cannot act on; this check asks {@code ldd} first and names the fix.
 */
final class Libaio {

    private Libaio() {}

    /** Fails with the fix when {@code mysqld} cannot find libaio.so.1; does nothing where ldd is not available. */
    static void requireFor(Path mysqld) {
        lddOutput(mysqld).flatMap(Libaio::missingMessage).ifPresent(message -> {
            throw new LocalStackException(message);
        });
    }

    /** The one-line error when {@code lddOutput} (of mysqld) shows libaio.so.1 not found; empty when it was found. */
    static Optional<String> missingMessage(String lddOutput) {
        boolean missing =
                lddOutput.lines().anyMatch(line -> line.contains("libaio.so.1") && line.contains("not found"));
        return missing
                ? Optional.of(
                        "MySQL 8.0 needs libaio.so.1, which is not installed: on Debian run 'sudo apt-get install libaio1', "
                                + "on Ubuntu 24.04 'sudo apt-get install libaio1t64' and 'sudo ln -s /usr/lib/x86_64-linux-gnu/libaio.so.1t64 "
                                + "/usr/lib/x86_64-linux-gnu/libaio.so.1'; or run the stack on MariaDB instead (--database=mariadb, "
                                + "-Dmskcdc.database=mariadb for the tests).")
                : Optional.empty();
    }

    private static Optional<String> lddOutput(Path executable) {
        try {
            Process ldd = new ProcessBuilder("ldd", executable.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return ldd.waitFor(30, TimeUnit.SECONDS) ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
