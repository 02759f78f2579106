package dev.schedtune.search.storage.jdbc;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads whole trials: one query per table for all trials matching a condition on {@code trials t}, so that
 * loading n trials costs a handful of queries, not n.
 */
final class TrialFetcher {
    private static final int IN_LIST_MAX = 512;

    /** Binds the parameters of a condition, starting at index 1. */
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private final SqlDialect dialect;
    private final Encoding encoding;
    /** Whether {@code schedtune_intermediate_values} exists (not in an Optuna database opened read-only). */
    private final boolean extraIntermediateValues;

    TrialFetcher(SqlDialect dialect, Encoding encoding, boolean extraIntermediateValues) {
        this.dialect = dialect;
        this.encoding = encoding;
        this.extraIntermediateValues = extraIntermediateValues;
    }

    private static final class Partial {
        final long trialId;
        final int number;
        final TrialState state;
        final @Nullable Instant start;
        final @Nullable Instant complete;
        final List<Object[]> params = new ArrayList<>();
        final TreeMap<Integer, Double> values = new TreeMap<>();
        final TreeMap<Long, double[]> intermediate = new TreeMap<>();
        final Map<String, @Nullable Object> userAttrs = new LinkedHashMap<>();
        final Map<String, @Nullable Object> systemAttrs = new LinkedHashMap<>();

        Partial(long trialId, int number, TrialState state, @Nullable Instant start, @Nullable Instant complete) {
            this.trialId = trialId;
            this.number = number;
            this.state = state;
            this.start = start;
            this.complete = complete;
        }
    }

    /**
     * The trials matching {@code condition} (SQL over alias {@code t}), in trial-id order, with everything
     * they hold. Must run inside a read transaction for a consistent result.
     */
    List<FrozenTrial> fetch(Session c, int nObjectives, String condition, Binder binder) throws SQLException {
        Map<Long, Partial> byId = new LinkedHashMap<>();
        {
            PreparedStatement ps = c.prepare(
                    "SELECT t.trial_id, t.number, t.state, t.datetime_start, t.datetime_complete FROM trials t WHERE "
                            + condition + " ORDER BY t.trial_id");
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    byId.put(
                            id,
                            new Partial(
                                    id,
                                    rs.getInt(2),
                                    TrialState.valueOf(rs.getString(3)),
                                    dialect.getTimestamp(rs, 4),
                                    dialect.getTimestamp(rs, 5)));
                }
            }
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        query(
                c,
                "SELECT x.trial_id, x.param_name, x.param_value, x.distribution_json FROM trial_params x",
                "x.param_id",
                condition,
                binder,
                rs -> {
                    Partial p = byId.get(rs.getLong(1));
                    if (p != null) {
                        p.params.add(new Object[] {rs.getString(2), rs.getDouble(3), rs.getString(4)});
                    }
                });
        query(
                c,
                "SELECT x.trial_id, x.objective, x.value, x.value_type FROM trial_values x",
                "x.trial_value_id",
                condition,
                binder,
                rs -> {
                    Partial p = byId.get(rs.getLong(1));
                    if (p != null) {
                        double v = rs.getDouble(3);
                        p.values.put(rs.getInt(2), Encoding.decode(v, rs.wasNull(), rs.getString(4)));
                    }
                });
        query(
                c,
                "SELECT x.trial_id, x.step, x.intermediate_value, x.intermediate_value_type"
                        + " FROM trial_intermediate_values x",
                "x.trial_intermediate_value_id",
                condition,
                binder,
                rs -> {
                    Partial p = byId.get(rs.getLong(1));
                    if (p != null) {
                        double v = rs.getDouble(3);
                        vector(p, rs.getLong(2), nObjectives)[0] = Encoding.decode(v, rs.wasNull(), rs.getString(4));
                    }
                });
        if (nObjectives > 1 && extraIntermediateValues) {
            query(
                    c,
                    "SELECT x.trial_id, x.step, x.objective, x.value, x.value_type FROM schedtune_intermediate_values x",
                    "x.trial_id, x.step, x.objective",
                    condition,
                    binder,
                    rs -> {
                        Partial p = byId.get(rs.getLong(1));
                        int objective = rs.getInt(3);
                        if (p != null && objective < nObjectives) {
                            double v = rs.getDouble(4);
                            vector(p, rs.getLong(2), nObjectives)[objective] =
                                    Encoding.decode(v, rs.wasNull(), rs.getString(5));
                        }
                    });
        }
        query(
                c,
                "SELECT x.trial_id, x.\"key\", x.value_json FROM trial_user_attributes x",
                "x.trial_user_attribute_id",
                condition,
                binder,
                rs -> {
                    Partial p = byId.get(rs.getLong(1));
                    if (p != null) {
                        p.userAttrs.put(rs.getString(2), Json.read(rs.getString(3)));
                    }
                });
        query(
                c,
                "SELECT x.trial_id, x.\"key\", x.value_json FROM trial_system_attributes x",
                "x.trial_system_attribute_id",
                condition,
                binder,
                rs -> {
                    Partial p = byId.get(rs.getLong(1));
                    if (p != null) {
                        p.systemAttrs.put(rs.getString(2), Json.read(rs.getString(3)));
                    }
                });
        List<FrozenTrial> out = new ArrayList<>(byId.size());
        for (Partial p : byId.values()) {
            out.add(build(p));
        }
        return out;
    }

    private static double[] vector(Partial p, long step, int nObjectives) {
        return p.intermediate.computeIfAbsent(step, s -> {
            double[] v = new double[Math.max(1, nObjectives)];
            Arrays.fill(v, Double.NaN);
            return v;
        });
    }

    private FrozenTrial build(Partial p) {
        FrozenTrial.Builder b = FrozenTrial.builder(p.number, p.state)
                .trialId(p.trialId)
                .datetimeStart(p.start)
                .datetimeComplete(p.complete);
        for (Object[] param : p.params) {
            b.param((String) param[0], (Double) param[1], encoding.distribution((String) param[2]));
        }
        if (!p.values.isEmpty()) {
            double[] v = new double[p.values.lastKey() + 1];
            Arrays.fill(v, Double.NaN);
            p.values.forEach((k, x) -> v[k] = x);
            b.values(ImmutableDoubleArray.copyOf(v));
        }
        p.intermediate.forEach((step, v) -> b.intermediateValue(step, ImmutableDoubleArray.copyOf(v)));
        p.userAttrs.forEach(b::userAttr);
        p.systemAttrs.forEach(b::systemAttr);
        return b.build();
    }

    /** The trial with id {@code trialId}, which must exist. */
    FrozenTrial fetchOne(Session c, int nObjectives, long trialId) throws SQLException {
        return fetch(c, nObjectives, "t.trial_id = ?", p -> p.setLong(1, trialId))
                .get(0);
    }

    /** The trials with these ids, in chunks of at most {@value #IN_LIST_MAX} ids per query. */
    List<FrozenTrial> fetchByIds(Session c, int nObjectives, List<Long> ids) throws SQLException {
        List<FrozenTrial> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_LIST_MAX) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_MAX));
            // padded to a power of two so that only a few statement shapes get compiled
            int size = Integer.highestOneBit(chunk.size());
            if (size < chunk.size()) {
                size <<= 1;
            }
            StringBuilder in = new StringBuilder("t.trial_id IN (?");
            for (int i = 1; i < size; i++) {
                in.append(", ?");
            }
            in.append(')');
            int n = size;
            out.addAll(fetch(c, nObjectives, in.toString(), p -> {
                for (int i = 0; i < n; i++) {
                    p.setLong(i + 1, i < chunk.size() ? chunk.get(i) : -1);
                }
            }));
        }
        return out;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(
            Session c, String select, String orderBy, String condition, Binder binder, RowHandler handler)
            throws SQLException {
        String sql = select + " JOIN trials t ON t.trial_id = x.trial_id WHERE " + condition + " ORDER BY " + orderBy;
        PreparedStatement ps = c.prepare(sql);
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }
}
