package dev.schedtune.trainers.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One file in the IDX format of MNIST and Fashion-MNIST, plain or gzipped: a big-endian header (two zero
 * bytes, the element type 0x08 = unsigned byte, the number of dimensions) followed by each dimension's
 * size and the data. Every way a file can be wrong is a {@link TaskDataException} naming the file and
 * what is wrong with it, never a stack trace from the reader.
 */
final class IdxFile {
    /** Unsigned bytes, the only element type MNIST-like files use. */
    private static final int UBYTE = 0x08;

    private static final int MAX_DIMENSIONS = 4;

    private final int[] dimensions;
    private final byte[] data;

    private IdxFile(int[] dimensions, byte[] data) {
        this.dimensions = dimensions;
        this.data = data;
    }

    /**
     * Reads {@code file}, which must hold {@code expectedDimensions} dimensions (1 for labels, 3 for
     * images); {@code what} names it in messages ("images", "labels").
     */
    static IdxFile read(Path file, int expectedDimensions, String what) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16);
                DataInputStream data = new DataInputStream(in)) {
            int magic;
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                throw new TaskDataException(file, "is empty or shorter than an IDX header (4 bytes)", null);
            }
            int type = (magic >>> 8) & 0xFF;
            int dims = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UBYTE || dims < 1 || dims > MAX_DIMENSIONS) {
                throw new TaskDataException(
                        file,
                        String.format(
                                "is not an IDX file of unsigned bytes: magic number 0x%08X (expected 0x%08X for %s)",
                                magic, (UBYTE << 8) | expectedDimensions, what),
                        null);
            }
            if (dims != expectedDimensions) {
                throw new TaskDataException(
                        file,
                        String.format(
                                "holds %d-dimensional data (magic 0x%08X) but %s must have %d dimension%s",
                                dims, magic, what, expectedDimensions, expectedDimensions == 1 ? "" : "s"),
                        null);
            }
            int[] sizes = new int[dims];
            long total = 1;
            for (int i = 0; i < dims; i++) {
                try {
                    sizes[i] = data.readInt();
                } catch (EOFException e) {
                    throw new TaskDataException(file, "ends inside its header (dimension " + (i + 1) + ")", null);
                }
                if (sizes[i] <= 0) {
                    throw new TaskDataException(
                            file, "dimension " + (i + 1) + " has size " + sizes[i] + "; sizes must be > 0", null);
                }
                total *= sizes[i];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new TaskDataException(
                        file, "declares " + total + " bytes of data (" + Arrays.toString(sizes) + "), too many", null);
            }
            byte[] values = new byte[(int) total];
            int read = data.readNBytes(values, 0, values.length);
            if (read < values.length) {
                throw new TaskDataException(
                        file,
                        "is truncated: its header declares " + Arrays.toString(sizes) + " = " + total
                                + " bytes of data but it holds " + read,
                        null);
            }
            return new IdxFile(sizes, values);
        } catch (EOFException e) {
            throw new TaskDataException(file, "is truncated (the gzip stream ends early)", e);
        } catch (ZipException e) {
            throw new TaskDataException(file, "is not a valid gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TaskDataException(file, "cannot be read: " + e, e);
        }
    }

    /** The size of each dimension. */
    int[] dimensions() {
        return dimensions.clone();
    }

    /** The number of items (the first dimension). */
    int count() {
        return dimensions[0];
    }

    /** Bytes per item (the product of the other dimensions). */
    int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    /** The unsigned byte {@code index} of the data. */
    int unsigned(int index) {
        return data[index] & 0xFF;
    }
}
