package dev.schedtune.trainers.pool;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The classpath a worker JVM is started with by default: the classpath of the class loader that loaded the
 * pool, not {@code java.class.path}. The two differ under launchers that load the program in a class loader
 * of their own ({@code mvn exec:java}, where {@code java.class.path} is Maven's, an application server, a
 * test harness); workers started on {@code java.class.path} there fail with "Could not find or load main
 * class ...WorkerMain".
 */
final class WorkerClasspath {
    private WorkerClasspath() {}

    /** The workers' default classpath, for a pool whose classes were loaded by {@code loader}. */
    static String of(ClassLoader loader) {
        return of(loader, ClassLoader.getSystemClassLoader(), System.getProperty("java.class.path", ""));
    }

    /**
     * The file URLs of {@code loader} and its parents up to {@code system} (the loader {@code java.class.path}
     * is the classpath of), then {@code javaClassPath}: just {@code javaClassPath} when the pool was loaded
     * from it.
     */
    static String of(ClassLoader loader, ClassLoader system, String javaClassPath) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null && !isAncestorOrSelf(l, system); l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    fileOf(url).ifPresent(entries::add);
                }
            }
        }
        List<String> all = new ArrayList<>(entries);
        if (!javaClassPath.isEmpty()) {
            all.add(javaClassPath);
        }
        return String.join(File.pathSeparator, all);
    }

    /** Whether {@code l} is {@code system} or one of its parents (the platform and bootstrap loaders). */
    private static boolean isAncestorOrSelf(ClassLoader l, ClassLoader system) {
        for (ClassLoader s = system; s != null; s = s.getParent()) {
            if (s == l) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> fileOf(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
