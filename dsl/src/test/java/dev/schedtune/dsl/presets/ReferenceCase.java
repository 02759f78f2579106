package dev.schedtune.dsl.presets;

import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One committed reference vector ({@code src/test/resources/reference/<library>/<Anchor>__<case>.json},
 * written by {@code dsl/scripts/reference}): the anchor call's arguments as a config writes them and the
 * anchor's value at every step from 0.
 */
final class ReferenceCase {
    /** Relative tolerance for anchors that compute in double. */
    static final double DOUBLE_RELATIVE = 1e-9;
    /**
     * Absolute floor for double anchors, as a fraction of the series' largest magnitude: where the anchor
     * gives exactly 0 (the bottom of a cosine) a relative bound is meaningless.
     */
    static final double DOUBLE_FLOOR = 1e-15;
    /** Tolerance for float32 anchors (DJL), as a fraction of the series' largest magnitude. */
    static final double FLOAT_SCALED = 1e-6;

    final String file;
    final String anchor;
    final String caseName;
    final String precision;
    final Map<String, Object> args;
    final Map<String, double[]> values;
    final @Nullable Long raisesAt;
    final @Nullable String raisesError;

    private ReferenceCase(String file, Map<String, Object> doc) {
        this.file = file;
        this.anchor = (String) doc.get("anchor");
        this.caseName = (String) doc.get("case");
        this.precision = (String) doc.get("precision");
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) doc.get("args");
        this.args = a;
        Map<String, double[]> v = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> series = (Map<String, List<Object>>) doc.get("values");
        series.forEach((name, list) -> v.put(
                name, list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray()));
        this.values = v;
        @SuppressWarnings("unchecked")
        Map<String, Object> raises = (Map<String, Object>) doc.get("raises");
        this.raisesAt = raises == null ? null : (Long) raises.get("step");
        this.raisesError = raises == null ? null : (String) raises.get("error");
    }

    /** Every committed case, sorted by file name. */
    static List<ReferenceCase> all() {
        URL root = ReferenceCase.class.getClassLoader().getResource("reference");
        if (root == null) {
            throw new IllegalStateException("no reference/ directory on the test classpath");
        }
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            List<ReferenceCase> out = new ArrayList<>();
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(p, StandardCharsets.UTF_8));
                out.add(new ReferenceCase(p.getParent().getFileName() + "/" + p.getFileName(), doc));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The anchor call as a spec: nested schedule documents ({@code "type": ...}) become nested specs. */
    ScheduleSpec spec() {
        return spec(anchor, args);
    }

    static ScheduleSpec spec(String kind, Map<String, Object> args) {
        Kind k = KindRegistry.builtIn()
                .find(kind)
                .orElseThrow(() -> new IllegalStateException("no kind " + kind + " in the built-in registry"));
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((name, value) -> {
            ParamType type = k.param(name).map(Param::type).orElse(ParamType.STRING);
            if (type == ParamType.SCHEDULE) {
                out.put(name, nested(value));
            } else if (type == ParamType.SCHEDULE_LIST) {
                out.put(
                        name,
                        ((List<?>) value).stream().map(ReferenceCase::nested).toList());
            } else {
                out.put(name, value);
            }
        });
        return ScheduleSpec.of(kind, out);
    }

    private static ScheduleSpec nested(Object doc) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) doc);
        String type = (String) map.remove("type");
        return spec(type, map);
    }

    boolean isFloat32() {
        return precision.equals("float32");
    }

    /** The allowed |ours - anchor| at one step of a series whose largest magnitude is {@code scale}. */
    double tolerance(double anchorValue, double scale) {
        if (isFloat32()) {
            return FLOAT_SCALED * scale;
        }
        return DOUBLE_RELATIVE * Math.abs(anchorValue) + DOUBLE_FLOOR * scale;
    }

    static double scale(double[] series) {
        double m = Double.MIN_NORMAL;
        for (double v : series) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public String toString() {
        return file;
    }
}
