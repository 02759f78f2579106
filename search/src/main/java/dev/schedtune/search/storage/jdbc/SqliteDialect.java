package dev.schedtune.search.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: explicit {@code BEGIN IMMEDIATE} for writes (the write lock is taken up front, so a transaction
 * never has to upgrade a read lock, which is what makes SQLite answer "database is locked" at once instead
 * of waiting), datetimes as SQLAlchemy writes them ({@code yyyy-MM-dd HH:mm:ss.SSSSSS}): trial times in
 * this machine's zone, heartbeats in UTC ({@link SqlDialect#setHeartbeat}).
 */
final class SqliteDialect implements SqlDialect {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    private final ZoneId zone;
    private final Clock clock;

    SqliteDialect(ZoneId zone) {
        this(zone, Clock.systemUTC());
    }

    /** With {@code clock} as "now" (tests move it across a daylight-saving change). */
    SqliteDialect(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public void beginWrite(Session s) throws SQLException {
        s.prepare("BEGIN IMMEDIATE").execute();
    }

    @Override
    public void beginRead(Session s) throws SQLException {
        s.prepare("BEGIN DEFERRED").execute();
    }

    @Override
    public void commit(Session s) throws SQLException {
        s.prepare("COMMIT").execute();
    }

    @Override
    public void rollback(Session s) {
        try {
            s.prepare("ROLLBACK").execute();
        } catch (SQLException ignored) {
            // no transaction was open: nothing to undo
        }
    }

    @Override
    public String enumParam(String type) {
        return "?";
    }

    @Override
    public String skipLocked() {
        return "";
    }

    @Override
    public void lockStudy(Connection c, long studyId) {}

    @Override
    public void lockSchema(Connection c) {}

    @Override
    public String returningId(String sql, String idColumn) {
        return sql;
    }

    @Override
    public long insertReturningId(PreparedStatement ps, Connection c, String idColumn) throws SQLException {
        ps.executeUpdate();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public boolean isRetryable(SQLException e) {
        if (e instanceof SQLiteException) {
            SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
            int primary = code.code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        String m = e.getMessage();
        return m != null && (m.contains("SQLITE_BUSY") || m.contains("database is locked"));
    }

    @Override
    public OptionalLong dataVersion(Session s) throws SQLException {
        try (ResultSet rs = s.prepare("PRAGMA data_version").executeQuery()) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        }
    }

    @Override
    public Instant now(Session s) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void setTimestamp(PreparedStatement ps, int index, @Nullable Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, java.sql.Types.VARCHAR);
        } else {
            ps.setString(index, WRITE.format(LocalDateTime.ofInstant(t, zone)));
        }
    }

    @Override
    public void setHeartbeat(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setString(index, WRITE.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)));
    }

    @Override
    public @Nullable Instant getTimestamp(ResultSet rs, int column) throws SQLException {
        String s = rs.getString(column);
        if (s == null) {
            return null;
        }
        return LocalDateTime.parse(s.trim(), READ).atZone(zone).toInstant();
    }

    /** Version 3 on SQLite: extra intermediate values go with their trial, foreign keys enforced or not. */
    @Override
    public List<String> migration(int version) {
        return version != 3
                ? List.of()
                : List.of("CREATE TRIGGER schedtune_trials_deleted AFTER DELETE ON trials FOR EACH ROW BEGIN"
                        + " DELETE FROM schedtune_intermediate_values WHERE trial_id = OLD.trial_id; END");
    }

    @Override
    public boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
