package dev.mskcdc.transforms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/** The plugin classes this module compiles, found by scanning its class output, not by trusting a list. */
final class Plugins {

    static final List<Class<?>> PLUGIN_INTERFACES = List.of(Transformation.class, Predicate.class);

    private Plugins() {}

    static Path classesDirectory() {
        try {
            return Path.of(TransformsVersion.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every public concrete class under {@code dir} implementing {@code pluginInterface}. */
    static List<Class<?>> implementationsOf(Class<?> pluginInterface, Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> dir.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(Plugins::load)
                    .filter(c -> pluginInterface.isAssignableFrom(c)
                            && Modifier.isPublic(c.getModifiers())
                            && !Modifier.isAbstract(c.getModifiers())
                            && !c.isInterface())
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Class<?>> all() {
        return PLUGIN_INTERFACES.stream()
                .flatMap(i -> implementationsOf(i, classesDirectory()).stream())
                .toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Plugins.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
