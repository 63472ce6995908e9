package dev.mskcdc.localstack.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.mskcdc.localstack.process.LocalStackException;

/** The plugin ZIP, unpacked into a {@code plugin.path} directory as MSK Connect and Connect do. */
public final class PluginArchive {

    private PluginArchive() {}

    /**
     * Unpacks {@code zip} into {@code pluginPath} and returns the plugin's one top-level directory.
     * Fails if the archive has more than one top-level entry: Connect would load each as its own plugin.
     */
    public static Path unpack(Path zip, Path pluginPath) {
        if (!Files.isRegularFile(zip)) {
            throw new LocalStackException("Plugin ZIP " + zip + " not found: build it with ./mvnw package -DskipTests"
                    + " (it lands in packaging/target/).");
        }
        Set<String> topLevel = new TreeSet<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = pluginPath.resolve(entry.getName()).normalize();
                if (!target.startsWith(pluginPath)) {
                    throw new LocalStackException("Plugin ZIP entry escapes the plugin directory: " + entry.getName());
                }
                topLevel.add(entry.getName().split("/", 2)[0]);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new LocalStackException("Cannot unpack plugin ZIP " + zip + ": " + e.getMessage(), e);
        }
        if (topLevel.size() != 1) {
            throw new LocalStackException(
                    "Plugin ZIP " + zip + " must hold exactly one top-level directory, found " + topLevel);
        }
        return pluginPath.resolve(topLevel.iterator().next());
    }
}
