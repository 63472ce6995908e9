package dev.mskcdc.localstack.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibaioTest {

    @Test
    void aMissingLibaioNamesThePackagesAndTheMariaDbAlternative() {
        String ldd = """
                \tlinux-vdso.so.1 (0x00007ffd5c1f2000)
                \tlibpthread.so.0 => /lib/x86_64-linux-gnu/libpthread.so.0 (0x00007f0a1c5e1000)
                \tlibaio.so.1 => not found
                \tlibssl.so.1.0.0 => /opt/mysql/bin/../lib/libssl.so.1.0.0 (0x00007f0a1c370000)
                """;

        assertThat(Libaio.missingMessage(ldd))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains(
                                "libaio.so.1",
                                "apt-get install libaio1",
                                "libaio1t64",
                                "--database=mariadb",
                                "-Dmskcdc.database=mariadb")
                        .doesNotContain("\n"));
    }

    @Test
    void anInstalledLibaioPasses() {
        String ldd = "\tlibaio.so.1 => /lib/x86_64-linux-gnu/libaio.so.1 (0x00007f3c2a5d6000)\n";

        assertThat(Libaio.missingMessage(ldd)).isEmpty();
    }
}
