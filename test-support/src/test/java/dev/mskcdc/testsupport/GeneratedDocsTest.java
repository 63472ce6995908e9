package dev.mskcdc.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedDocsTest {

    @TempDir
    Path doc;

    @Test
    void missingAndDifferentFilesAreStaleEqualOnesAreNot() throws IOException {
        Files.writeString(doc.resolve("same.md"), "# Same\n", StandardCharsets.UTF_8);
        Files.writeString(doc.resolve("old.md"), "# Old\n", StandardCharsets.UTF_8);
        GeneratedDocs docs = new GeneratedDocs("example", doc);

        assertThat(docs.writeOrFindStale(
                        Map.of("same.md", "# Same\n", "old.md", "# New\n", "new.md", "# New\n"), false))
                .containsExactlyInAnyOrder(doc.resolve("old.md"), doc.resolve("new.md"));
        assertThat(doc.resolve("new.md")).doesNotExist();
    }

    @Test
    void updateWritesEveryFileSoThatNoneIsStaleAfterwards() throws IOException {
        Files.writeString(doc.resolve("old.md"), "# Old\n", StandardCharsets.UTF_8);
        GeneratedDocs docs = new GeneratedDocs("example", doc);
        Map<String, String> files = Map.of("old.md", "# New\n", "new.md", "# Newer\n");

        assertThat(docs.writeOrFindStale(files, true)).isEmpty();

        assertThat(doc.resolve("old.md")).hasContent("# New");
        assertThat(doc.resolve("new.md")).hasContent("# Newer");
        assertThat(docs.writeOrFindStale(files, false)).isEmpty();
    }
}
