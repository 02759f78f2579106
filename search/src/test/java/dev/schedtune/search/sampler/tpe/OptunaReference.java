package dev.schedtune.search.sampler.tpe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Records of tpe-optuna.txt (see search/bench/reference/tpe_reference.py): a header and named rows. */
final class OptunaReference {
    static final class Record {
        final String[] header;
        final Map<String, List<double[]>> rows = new LinkedHashMap<>();

        Record(String[] header) {
            this.header = header;
        }

        double[] row(String name) {
            return rows.get(name).get(0);
        }

        List<double[]> all(String name) {
            return rows.getOrDefault(name, List.of());
        }
    }

    private OptunaReference() {}

    static List<Record> read() {
        List<Record> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(OptunaReference.class.getResourceAsStream("tpe-optuna.txt"));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            Record current = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "gauss", "ndtri", "parzen", "cat", "split", "weights" -> {
                        current = new Record(f);
                        out.add(current);
                    }
                    default -> {
                        double[] v = new double[f.length - 1];
                        for (int i = 1; i < f.length; i++) {
                            v[i - 1] = Double.parseDouble(f[i]);
                        }
                        Objects.requireNonNull(current)
                                .rows
                                .computeIfAbsent(f[0], k -> new ArrayList<>())
                                .add(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static double[] numbers(String[] header, int from) {
        double[] v = new double[header.length - from];
        for (int i = from; i < header.length; i++) {
            v[i - from] = Double.parseDouble(header[i]);
        }
        return v;
    }
}
