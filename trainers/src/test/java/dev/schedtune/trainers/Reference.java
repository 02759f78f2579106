package dev.schedtune.trainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the PyTorch reference data written by src/test/python/make_reference.py. */
public final class Reference {
    private Reference() {}

    public static JsonNode load(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing reference file " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
