package dev.mskcdc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module's generated docs under doc/: compared with what the code generates, or rewritten when the build runs
 * with {@code -Dmskcdc.docs.update=true}. Each module's ConfigDocsTest fails while a committed file is stale.
 */
public final class GeneratedDocs {

    public static final String UPDATE_PROPERTY = "mskcdc.docs.update";

    private final String module;
    private final Path directory;

    /** @param module the module's directory name, e.g. "transforms"; its tests run in that directory */
    public GeneratedDocs(String module) {
        this(module, Path.of("doc"));
    }

    GeneratedDocs(String module, Path directory) {
        this.module = module;
        this.directory = directory;
    }

    /** The command that rewrites the module's docs. */
    public String regenerateCommand() {
        return "./mvnw -q -pl " + module + " -am test -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                + UPDATE_PROPERTY + "=true";
    }

    /** The comment every generated page carries after its title. */
    public String generatedComment(String source) {
        return "<!-- Generated from " + source + " by ConfigDocsTest; do not edit. Regenerate: " + regenerateCommand()
                + " -->";
    }

    /**
     * With {@code -Dmskcdc.docs.update=true} writes each file (name to content) into doc/; otherwise compares.
     *
     * @return the files whose committed content differs from the generated one, or that are missing
     */
    public List<Path> writeOrFindStale(Map<String, String> files) {
        return writeOrFindStale(files, Boolean.getBoolean(UPDATE_PROPERTY));
    }

    List<Path> writeOrFindStale(Map<String, String> files, boolean update) {
        List<Path> stale = new ArrayList<>();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                if (update) {
                    Files.createDirectories(directory);
                    Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                } else if (!Files.exists(path)
                        || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                    stale.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stale;
    }
}
