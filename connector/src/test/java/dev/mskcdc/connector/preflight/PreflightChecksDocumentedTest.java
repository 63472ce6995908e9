package dev.mskcdc.connector.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** connector/README.md's table of checks is the checklist users read: one row per check, in the order it prints. */
class PreflightChecksDocumentedTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern CHECK_ROW = Pattern.compile("^\\| `([a-z-]+)` \\|");

    @Test
    void readmeTableListsEveryCheckInTheOrderThePreflightRunsThem() throws IOException {
        assertThat(documentedChecks())
                .containsExactlyElementsOf(
                        Preflight.CHECKLIST.stream().map(Preflight.Item::id).toList());
    }

    @Test
    void checkIdsAreUnique() {
        assertThat(Preflight.CHECKLIST.stream().map(Preflight.Item::id)).doesNotHaveDuplicates();
    }

    /** The ids in the first column of the table under "## Preflight", top to bottom. */
    private static List<String> documentedChecks() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Preflight\n");
        assertThat(section).as("README.md has a '## Preflight' section").isNotNegative();
        int next = readme.indexOf("\n## ", section + 1);
        return readme.substring(section, next < 0 ? readme.length() : next)
                .lines()
                .map(CHECK_ROW::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .toList();
    }
}
