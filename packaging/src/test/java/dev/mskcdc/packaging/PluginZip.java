package dev.mskcdc.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** The plugin ZIP under test, as built by this module, and what is inside it. */
public final class PluginZip {

    private PluginZip() {}

    public static Path path() {
        return Path.of(System.getProperty("mskcdc.plugin.zip"));
    }

    static String topLevelDirectory() {
        return System.getProperty("mskcdc.plugin.name");
    }

    static List<String> entries() {
        try (ZipFile zip = new ZipFile(path().toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file names of the jars under lib/. */
    static List<String> libJars() {
        String lib = topLevelDirectory() + "/lib/";
        return entries().stream()
                .filter(name -> name.startsWith(lib) && name.endsWith(".jar"))
                .map(name -> name.substring(lib.length()))
                .toList();
    }

    /** Every entry of every jar under lib/, as "jar!entry". */
    static List<String> classEntriesOfAllJars() {
        List<String> all = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path().toFile())) {
            for (ZipEntry jar : zip.stream()
                    .filter(entry -> entry.getName().endsWith(".jar"))
                    .toList()) {
                try (ZipInputStream in = new ZipInputStream(zip.getInputStream(jar))) {
                    for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                        all.add(jar.getName() + "!" + entry.getName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static String read(String entryName) {
        try (ZipFile zip = new ZipFile(path().toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new AssertionError("No entry " + entryName + " in " + path());
            }
            return new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
