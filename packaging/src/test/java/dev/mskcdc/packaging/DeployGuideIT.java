package dev.mskcdc.packaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ZIP's deploy guide (doc/deploy-guide.md, from packaging/doc/) is written for the unpacked ZIP: every path it
 * names under bin/, etc/, doc/ or lib/ must be in the ZIP, and it names no path of the source repository.
 */
class DeployGuideIT {

    private static final String GUIDE = "doc/deploy-guide.md";

    /** A path of the unpacked ZIP: bin/, etc/, doc/ or lib/ at the start of a word (not inside another path). */
    private static final Pattern ZIP_PATH = Pattern.compile("(?<![\\w./<>~-])((?:bin|etc|doc|lib)/[\\w.*/-]*)");

    @Test
    void everyPathTheGuideNamesIsInTheZip() {
        String root = PluginZip.topLevelDirectory() + "/";
        List<String> entries = PluginZip.entries();
        assertThat(entries).contains(root + GUIDE);
        String guide = PluginZip.read(root + GUIDE);

        Set<String> paths = paths(guide);

        assertThat(paths)
                .as("the guide's steps name the scripts, the templates and the policies")
                .contains(
                        "bin/msk-deploy",
                        "bin/preflight",
                        "etc/msk/connector.properties",
                        "etc/msk/worker.properties",
                        "etc/iam/deployer-policy.json",
                        "etc/iam/execution-role-policy.json",
                        "etc/cloudwatch/alarm-*.json",
                        "doc/licenses/THIRD-PARTY.txt");
        assertThat(missing(paths, entries, root))
                .as("paths in %s that are not in the ZIP", GUIDE)
                .isEmpty();
    }

    @Test
    void theGuideNamesNoPathOfTheSourceRepository() {
        String guide = PluginZip.read(PluginZip.topLevelDirectory() + "/" + GUIDE);

        assertThat(guide)
                .doesNotContain("./mvnw")
                .doesNotContain("connector/bin/")
                .doesNotContain("connector/config/")
                .doesNotContain("packaging/target")
                .doesNotContain("<plugin>/");
    }

    @Test
    void aPathThatIsNotInTheZipIsReported() {
        String root = PluginZip.topLevelDirectory() + "/";
        Set<String> paths =
                paths("Run `bin/msk-deploy`, then read etc/msk/no-such-file.json and `etc/nothing-*.json`.");

        assertThat(paths).containsExactly("bin/msk-deploy", "etc/msk/no-such-file.json", "etc/nothing-*.json");
        assertThat(missing(paths, PluginZip.entries(), root))
                .containsExactly("etc/msk/no-such-file.json", "etc/nothing-*.json");
    }

    private static Set<String> paths(String text) {
        Set<String> paths = new LinkedHashSet<>();
        Matcher matcher = ZIP_PATH.matcher(text);
        while (matcher.find()) {
            paths.add(matcher.group(1).replaceAll("\\.+$", ""));
        }
        return paths;
    }

    /** The paths that name no entry: a file, a directory (with or without the final '/'), or a '*' pattern. */
    private static List<String> missing(Set<String> paths, List<String> entries, String root) {
        List<String> missing = new ArrayList<>();
        for (String path : paths) {
            String withoutSlash = path.replaceAll("/$", "");
            Pattern entry = Pattern.compile(
                    Pattern.quote(root) + Pattern.quote(withoutSlash).replace("*", "\\E[^/]*\\Q") + "(/.*)?");
            if (entries.stream().noneMatch(name -> entry.matcher(name).matches())) {
                missing.add(path);
            }
        }
        return missing;
    }
}
