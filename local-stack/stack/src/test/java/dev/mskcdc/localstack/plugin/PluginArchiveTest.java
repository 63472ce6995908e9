package dev.mskcdc.localstack.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mskcdc.localstack.process.LocalStackException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginArchiveTest {

    @TempDir
    Path directory;

    @Test
    void unpacksAndReturnsTheOneTopLevelDirectory() throws IOException {
        Path zip = zip("plugin.zip", "kit-1.0/lib/a.jar", "kit-1.0/etc/x.properties");

        Path root = PluginArchive.unpack(zip, directory.resolve("plugins"));

        assertThat(root).isEqualTo(directory.resolve("plugins/kit-1.0"));
        assertThat(root.resolve("lib/a.jar")).hasContent("kit-1.0/lib/a.jar");
    }

    @Test
    void refusesMoreThanOneTopLevelEntryBecauseConnectWouldSeeTwoPlugins() throws IOException {
        Path zip = zip("plugin.zip", "kit-1.0/lib/a.jar", "stray.jar");

        assertThatThrownBy(() -> PluginArchive.unpack(zip, directory.resolve("plugins")))
                .isInstanceOf(LocalStackException.class)
                .hasMessage(
                        "Plugin ZIP " + zip + " must hold exactly one top-level directory, found [kit-1.0, stray.jar]");
    }

    @Test
    void refusesEntriesThatEscapeThePluginDirectory() throws IOException {
        Path zip = zip("evil.zip", "kit/../../outside.jar");

        assertThatThrownBy(() -> PluginArchive.unpack(zip, directory.resolve("plugins")))
                .hasMessage("Plugin ZIP entry escapes the plugin directory: kit/../../outside.jar");
        assertThat(directory.resolve("outside.jar")).doesNotExist();
    }

    @Test
    void saysHowToBuildAMissingZip() {
        Path missing = directory.resolve("none.zip");

        assertThatThrownBy(() -> PluginArchive.unpack(missing, directory.resolve("plugins")))
                .hasMessageContaining("./mvnw package -DskipTests");
    }

    private Path zip(String name, String... entries) throws IOException {
        Path zip = directory.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(entry.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
