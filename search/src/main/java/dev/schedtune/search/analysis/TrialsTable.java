package dev.schedtune.search.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A study's trials as a table, with the columns of Optuna's {@code trials_dataframe()}: {@code number},
 * {@code value} (or {@code values_0}, {@code values_1}, ...), {@code datetime_start}, {@code datetime_complete},
 * {@code duration} (seconds), {@code params_<name>}, {@code user_attrs_<key>}, {@code constraints} and
 * {@code state}. Exported as CSV (RFC 4180; empty cell for a missing value; attribute values that are lists or
 * maps as JSON) or as JSON (an array of objects, one per trial, with intermediate values).
 */
public final class TrialsTable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private final List<String> columns;
    private final List<Map<String, @Nullable Object>> rows;

    private TrialsTable(List<String> columns, List<Map<String, @Nullable Object>> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** The table of {@code trials} of a study with the given directions. */
    public static TrialsTable of(List<FrozenTrial> trials, List<StudyDirection> directions) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> attrs = new LinkedHashSet<>();
        boolean constraints = false;
        for (FrozenTrial t : trials) {
            params.addAll(t.params().keySet());
            attrs.addAll(t.userAttrs().keySet());
            constraints |= t.constraints().length() > 0;
        }
        List<String> columns = new ArrayList<>();
        columns.add("number");
        if (directions.size() == 1) {
            columns.add("value");
        } else {
            for (int i = 0; i < directions.size(); i++) {
                columns.add("values_" + i);
            }
        }
        columns.add("datetime_start");
        columns.add("datetime_complete");
        columns.add("duration");
        params.forEach(p -> columns.add("params_" + p));
        attrs.forEach(a -> columns.add("user_attrs_" + a));
        if (constraints) {
            columns.add("constraints");
        }
        columns.add("state");
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (FrozenTrial t : trials) {
            Map<String, @Nullable Object> row = new LinkedHashMap<>();
            row.put("number", t.number());
            ImmutableDoubleArray v = t.values();
            if (directions.size() == 1) {
                row.put("value", v == null ? null : v.get(0));
            } else {
                for (int i = 0; i < directions.size(); i++) {
                    row.put("values_" + i, v == null || i >= v.length() ? null : v.get(i));
                }
            }
            row.put("datetime_start", text(t.datetimeStart()));
            row.put("datetime_complete", text(t.datetimeComplete()));
            Duration d = t.duration();
            row.put("duration", d == null ? null : d.toNanos() / 1e9);
            t.params().forEach((k, x) -> row.put("params_" + k, x));
            t.userAttrs().forEach((k, x) -> row.put("user_attrs_" + k, x));
            if (constraints) {
                row.put(
                        "constraints",
                        t.constraints().length() == 0 ? null : t.constraints().asList());
            }
            row.put("state", t.state().name());
            rows.add(row);
        }
        return new TrialsTable(List.copyOf(columns), rows);
    }

    private static @Nullable String text(@Nullable Instant t) {
        return t == null ? null : t.toString();
    }

    public List<String> columns() {
        return columns;
    }

    /** Number of rows (trials). */
    public int size() {
        return rows.size();
    }

    /** The cell of row {@code row} in {@code column}, or null. */
    public @Nullable Object get(int row, String column) {
        return rows.get(row).get(column);
    }

    /** Writes the table as CSV with a header line. */
    public void writeCsv(Writer out) {
        try {
            out.write(String.join(",", columns.stream().map(TrialsTable::csv).toList()));
            out.write("\r\n");
            for (Map<String, @Nullable Object> row : rows) {
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    cells.add(cell(row.get(c)));
                }
                out.write(String.join(",", cells));
                out.write("\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trials table", e);
        }
    }

    /** Writes the table as a JSON array of row objects. */
    public void writeJson(Writer out) {
        try {
            JSON.writeValue(out, rows);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trials table", e);
        }
    }

    private static String cell(@Nullable Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            try {
                return csv(JSON.writer()
                        .without(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(v));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return csv(String.valueOf(v));
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
