package dev.schedtune.trainers.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schedtune.trainers.optim.OptimizerState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A training run frozen at an epoch boundary: its weights, its optimizer state, its step and epoch
 * counters and the state of its data shuffling, so that a run restored from it (in this or another
 * process) continues bit for bit as the uninterrupted run would (on one intra-op thread). PyTorch's own
 * random generator is used only to initialise the weights, so it needs no saving.
 *
 * <p>The file: an 8-byte magic {@code SCHEDCKP}, the format version (int), a JSON header (length-prefixed
 * UTF-8: what was trained, the counters, the name and size of every array), the arrays as little-endian
 * float32, and a CRC-32C of everything before it. {@link #write} replaces the file atomically (a temporary
 * file in the same folder, then a rename); {@link #read} checks magic, version, length and checksum, so a
 * truncated or damaged file is a {@link CheckpointException}, never a silently wrong run.
 */
public final class Checkpoint {
    /** The format version written; files of another version are refused. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "SCHEDCKP".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final String optimizer;
    private final int trainRows;
    private final int epochs;
    private final long steps;
    private final long shuffleSeed;
    private final long shuffles;
    private final float[] weights;
    private final OptimizerState optimizerState;

    Checkpoint(
            String model,
            String optimizer,
            int trainRows,
            int epochs,
            long steps,
            long shuffleSeed,
            long shuffles,
            float[] weights,
            OptimizerState optimizerState) {
        this.model = model;
        this.optimizer = optimizer;
        this.trainRows = trainRows;
        this.epochs = epochs;
        this.steps = steps;
        this.shuffleSeed = shuffleSeed;
        this.shuffles = shuffles;
        this.weights = weights;
        this.optimizerState = optimizerState;
    }

    /** The model, as its spec prints ({@code ModelSpec#toString()}). */
    public String model() {
        return model;
    }

    /** The optimizer kind's config name ({@code sgd}, {@code adam}, {@code adamw}). */
    public String optimizer() {
        return optimizer;
    }

    /** Rows of the training split the run shuffled. */
    public int trainRows() {
        return trainRows;
    }

    /** Epochs done when the checkpoint was taken. */
    public int epochs() {
        return epochs;
    }

    /** Optimizer steps done when the checkpoint was taken. */
    public long steps() {
        return steps;
    }

    /** The seed of the run's shuffling generator. */
    public long shuffleSeed() {
        return shuffleSeed;
    }

    /** Shuffles (epochs' permutations) drawn from that generator so far. */
    public long shuffles() {
        return shuffles;
    }

    /** Number of trainable weights. */
    public int size() {
        return weights.length;
    }

    float[] weights() {
        return weights;
    }

    OptimizerState optimizerState() {
        return optimizerState;
    }

    /** Writes this checkpoint to {@code file} atomically (temporary file, fsync, rename). */
    public void write(Path file) {
        byte[] bytes;
        try {
            bytes = encode();
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot encode: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot write: " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failed already; a stray temporary file is all that is left
                }
            }
        }
    }

    private byte[] encode() throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("model", model);
        header.put("optimizer", optimizer);
        header.put("train_rows", trainRows);
        header.put("epochs", epochs);
        header.put("steps", steps);
        header.put("shuffle_seed", shuffleSeed);
        header.put("shuffles", shuffles);
        ArrayNode arrays = header.putArray("arrays");
        List<float[]> data = new ArrayList<>();
        add(arrays, data, "weights", weights);
        for (int i = 0; i < optimizerState.slots().size(); i++) {
            OptimizerState.Slot slot = optimizerState.slots().get(i);
            ObjectNode s = arrays.addObject();
            s.put("name", "slot" + i);
            s.put("scale", slot.scale());
            s.put("first", slot.first() == null ? -1 : slot.first().length);
            s.put("second", slot.second() == null ? -1 : slot.second().length);
            if (slot.first() != null) {
                data.add(slot.first());
            }
            if (slot.second() != null) {
                data.add(slot.second());
            }
        }
        byte[] h = JSON.writeValueAsBytes(header);
        long floats = 0;
        for (float[] d : data) {
            floats += d.length;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) (32 + h.length + 4 * floats));
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(h.length);
        out.write(h);
        for (float[] d : data) {
            ByteBuffer b = ByteBuffer.allocate(4 * d.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(d);
            out.write(b.array());
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    private static void add(ArrayNode arrays, List<float[]> data, String name, float[] values) {
        ObjectNode a = arrays.addObject();
        a.put("name", name);
        a.put("length", values.length);
        data.add(values);
    }

    /**
     * Reads a checkpoint file.
     *
     * @throws CheckpointException if the file is missing, unreadable, truncated, damaged (checksum) or of
     *     another format version
     */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file");
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
        if (bytes.length < MAGIC.length + 16) {
            throw new CheckpointException(file, "truncated: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new CheckpointException(file, "not a schedtune checkpoint (bad magic bytes)");
        }
        int version = in.getInt();
        if (version != FORMAT_VERSION) {
            throw new CheckpointException(
                    file, "format version " + version + "; this schedtune reads version " + FORMAT_VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new CheckpointException(file, "corrupt: checksum mismatch (the file was damaged or cut short)");
        }
        try {
            int headerLength = in.getInt();
            byte[] h = new byte[headerLength];
            in.get(h);
            JsonNode header = JSON.readTree(h);
            ByteBuffer floats = in.slice().order(ByteOrder.LITTLE_ENDIAN);
            floats.limit(floats.limit() - 8);
            float[] weights = null;
            List<OptimizerState.Slot> slots = new ArrayList<>();
            for (JsonNode a : header.get("arrays")) {
                if (a.get("name").asText().equals("weights")) {
                    weights = floats(floats, a.get("length").asInt());
                } else {
                    float[] first = floats(floats, a.get("first").asInt());
                    float[] second = floats(floats, a.get("second").asInt());
                    slots.add(
                            OptimizerState.Slot.of(first, second, a.get("scale").asDouble()));
                }
            }
            if (weights == null || floats.hasRemaining()) {
                throw new CheckpointException(file, "corrupt: the arrays do not match the header");
            }
            return new Checkpoint(
                    header.get("model").asText(),
                    header.get("optimizer").asText(),
                    header.get("train_rows").asInt(),
                    header.get("epochs").asInt(),
                    header.get("steps").asLong(),
                    header.get("shuffle_seed").asLong(),
                    header.get("shuffles").asLong(),
                    weights,
                    OptimizerState.of(slots));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointException) {
                throw (CheckpointException) e;
            }
            throw new CheckpointException(file, "corrupt: unreadable header or arrays (" + e + ")", e);
        }
    }

    private static float @Nullable [] floats(ByteBuffer in, int length) {
        if (length < 0) {
            return null;
        }
        float[] out = new float[length];
        in.asFloatBuffer().get(out);
        in.position(in.position() + 4 * length);
        return out;
    }
}
