package dev.schedtune.trainers.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workers' default classpath under launchers with a class loader of their own (mvn exec:java). */
class WorkerClasspathTest {
    @TempDir
    Path dir;

    @Test
    void loadedFromTheApplicationClassLoaderItIsJavaClassPath() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        assertThat(WorkerClasspath.of(system, system, "a.jar:b")).isEqualTo("a.jar:b");
        assertThat(WorkerClasspath.of(system.getParent(), system, "a.jar")).isEqualTo("a.jar");
    }

    @Test
    void loadedByALaunchersClassLoaderItIsThatLoadersUrlsThenJavaClassPath() throws Exception {
        Path jar = dir.resolve("schedtune-trainers.jar");
        Path classes = dir.resolve("classes");
        ClassLoader system = ClassLoader.getSystemClassLoader();
        try (URLClassLoader parent = new URLClassLoader(new URL[] {jar.toUri().toURL()}, system);
                URLClassLoader exec = new URLClassLoader(
                        new URL[] {
                            classes.toUri().toURL(),
                            new URL("http://example.org/x.jar"),
                            jar.toUri().toURL()
                        },
                        parent)) {
            assertThat(WorkerClasspath.of(exec, system, "/maven/boot/plexus-classworlds.jar"))
                    .isEqualTo(String.join(
                            File.pathSeparator,
                            classes.toString(),
                            jar.toString(),
                            "/maven/boot/plexus-classworlds.jar"));
        }
    }

    @Test
    void theDefaultOfThisTestRunIsItsOwnClasspath() {
        // surefire loads the tests from the application class loader: nothing but java.class.path
        assertThat(WorkerPool.builder().build().command()).contains(System.getProperty("java.class.path"));
    }
}
