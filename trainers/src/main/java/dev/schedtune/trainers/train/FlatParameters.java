package dev.schedtune.trainers.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.model.ModelSpec;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A model's trainable parameters laid out in one flat tensor: the block's parameters are views into
 * it. Autograd then accumulates every gradient into the flat tensor's gradient, and the optimizer
 * updates all parameters with one fused kernel call per step instead of one per parameter array
 * (which, for small models, is most of the cost of an update). The arithmetic is the same, element by
 * element.
 *
 * <p>Built in two passes: a first block is initialized as usual (the same initializers, drawing from
 * the same seeded generator), its values are copied into the flat tensor, and a second block is
 * initialized with views of the flat tensor in the same order.
 */
final class FlatParameters {
    private final Block block;
    private final PtNDArray flat;

    private FlatParameters(Block block, PtNDArray flat) {
        this.block = block;
        this.flat = flat;
    }

    /**
     * Builds {@code model} for {@code task} with its parameters in {@code manager}. {@code initial},
     * if not null, replaces the initial values (one array per trainable parameter, in block order).
     */
    static FlatParameters build(ModelSpec model, Task task, NDManager manager, @Nullable List<float[]> initial) {
        Shape input = new Shape(1, task.numFeatures());
        List<Shape> shapes = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        Block first = model.build(task);
        try (NDManager scratch = manager.newSubManager()) {
            first.initialize(scratch, DataType.FLOAT32, input);
            for (Pair<String, Parameter> p : first.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    NDArray a = p.getValue().getArray();
                    shapes.add(a.getShape());
                    values.add(a.toFloatArray());
                }
            }
        }
        if (initial != null) {
            checkArgument(
                    initial.size() == values.size(),
                    "%s initial arrays for %s parameters",
                    initial.size(),
                    values.size());
            for (int i = 0; i < values.size(); i++) {
                checkArgument(
                        initial.get(i).length == values.get(i).length,
                        "initial array %s has %s values, the parameter %s",
                        i,
                        initial.get(i).length,
                        values.get(i).length);
            }
            values = initial;
        }
        int total = 0;
        for (float[] v : values) {
            total += v.length;
        }
        float[] all = new float[total];
        int offset = 0;
        for (float[] v : values) {
            System.arraycopy(v, 0, all, offset, v.length);
            offset += v.length;
        }
        PtNDArray flat = (PtNDArray) manager.create(FloatBuffer.wrap(all), new Shape(total));
        flat.setRequiresGradient(true);
        List<NDArray> views = new ArrayList<>();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            // one slice per parameter, reshaped unless 1-D (a split would be cheaper for autograd, but
            // PyTorch forbids in-place updates of a base whose several views came from one call)
            offset = 0;
            for (int i = 0; i < shapes.size(); i++) {
                int size = values.get(i).length;
                NDArray part = flat.get(new NDIndex().addSliceDim(offset, offset + size));
                views.add(shapes.get(i).dimension() == 1 ? part : part.reshape(shapes.get(i)));
                offset += size;
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        Iterator<NDArray> next = views.iterator();
        Block second = model.build(task);
        second.setInitializer(
                (m, shape, type) -> {
                    checkState(next.hasNext(), "the model has more parameters than its first build");
                    NDArray view = next.next();
                    checkState(
                            view.getShape().equals(shape), "parameter shape %s, expected %s", shape, view.getShape());
                    return view;
                },
                Parameter::requiresGradient);
        second.initialize(manager, DataType.FLOAT32, input);
        checkState(!next.hasNext(), "the model has fewer parameters than its first build");
        return new FlatParameters(second, flat);
    }

    /** The block whose trainable parameters are views of {@link #flat()}. */
    Block block() {
        return block;
    }

    /** The one leaf tensor holding every trainable parameter. */
    PtNDArray flat() {
        return flat;
    }
}
