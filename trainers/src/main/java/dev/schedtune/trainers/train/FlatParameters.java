package dev.schedtune.trainers.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.model.ModelSpec;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A model's trainable parameters laid out in one flat tensor: the block's parameters are views into
 * it. Autograd then accumulates every gradient into the flat tensor's gradient, and the optimizer
 * updates all parameters with one fused kernel call per step instead of one per parameter array
 * (which, for small models, is most of the cost of an update). The arithmetic is the same, element by
 * element.
 *
 * <p>While training, each step uses fresh views made by one split of the flat tensor ({@link
 * #beginStep}): backward then gathers the whole gradient in one concatenation. Views made once and
 * reused would, after every in-place update of their base, each need a zero-filled gradient of the whole
 * flat tensor (8 fills and 8 additions of 106k floats per step on the reference CNN).
 *
 * <p>A convolution weight (O, I, kH, kW) is stored as (O, kH, kW, I) and seen through a permuted view,
 * which has channels-last strides: oneDNN's convolutions, and with them the activations, pooling and
 * their gradients, then run in NHWC, vectorised over channels, without the reorders the NCHW path
 * needs. Values read back through the views are in the usual (O, I, kH, kW) order.
 *
 * <p>Built in two passes: a first block is initialized as usual (the same initializers, drawing from
 * the same seeded generator), its values are copied into the flat tensor, and a second block is
 * initialized with views of the flat tensor in the same order.
 */
final class FlatParameters {
    private final Block block;
    private final PtNDArray flat;
    private final Map<Parameter, Integer> index;
    private final long[] sizes;
    private final long[][] layouts;
    private final boolean[] permuted;
    private @Nullable NDList current;
    private final String modelName;

    private FlatParameters(
            Block block,
            PtNDArray flat,
            Map<Parameter, Integer> index,
            long[] sizes,
            long[][] layouts,
            boolean[] permuted,
            String modelName) {
        this.block = block;
        this.modelName = modelName;
        this.flat = flat;
        this.index = index;
        this.sizes = sizes;
        this.layouts = layouts;
        this.permuted = permuted;
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
        long[][] layouts = new long[shapes.size()][];
        boolean[] permuted = new boolean[shapes.size()];
        long[] sizes = new long[shapes.size()];
        float[] all = new float[total];
        int offset = 0;
        for (int i = 0; i < values.size(); i++) {
            float[] v = values.get(i);
            long[] shape = shapes.get(i).getShape();
            permuted[i] = shape.length == 4;
            if (permuted[i]) {
                layouts[i] = new long[] {shape[0], shape[2], shape[3], shape[1]};
                toChannelsLast(v, shape, all, offset);
            } else {
                layouts[i] = shape;
                System.arraycopy(v, 0, all, offset, v.length);
            }
            offset += v.length;
            sizes[i] = v.length;
        }
        PtNDArray flat = (PtNDArray) manager.create(FloatBuffer.wrap(all), new Shape(total));
        flat.setRequiresGradient(true);
        List<NDArray> views = new ArrayList<>();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            // one slice per parameter (not a split: PyTorch forbids in-place updates of a base whose
            // several views came from one call, and these views live as long as the session)
            offset = 0;
            for (int i = 0; i < shapes.size(); i++) {
                int size = values.get(i).length;
                NDArray part = flat.get(new NDIndex().addSliceDim(offset, offset + size));
                views.add(view(part, layouts[i], permuted[i]));
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
        Map<Parameter, Integer> index = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : second.getParameters()) {
            if (p.getValue().requiresGradient()) {
                index.put(p.getValue(), index.size());
            }
        }
        return new FlatParameters(second, flat, index, sizes, layouts, permuted, model.toString());
    }

    private static NDArray view(NDArray piece, long[] layout, boolean permuted) {
        if (layout.length == 1) {
            return piece;
        }
        NDArray shaped = JniUtils.reshape((PtNDArray) piece, layout);
        return permuted ? JniUtils.permute((PtNDArray) shaped, new long[] {0, 3, 1, 2}) : shaped;
    }

    /** Copies {@code v}, row-major (O, I, H, W), into {@code out} at {@code offset} as (O, H, W, I). */
    private static void toChannelsLast(float[] v, long[] shape, float[] out, int offset) {
        int o = (int) shape[0];
        int in = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < in; b++) {
                for (int c = 0; c < h; c++) {
                    for (int d = 0; d < w; d++) {
                        out[offset + ((a * h + c) * w + d) * in + b] = v[((a * in + b) * h + c) * w + d];
                    }
                }
            }
        }
    }

    /**
     * Makes this step's parameter views (call with autograd on), closed with {@code step}. Until {@link
     * #endStep()}, {@link #store} hands them to the block.
     */
    void beginStep(NDManager step) {
        NDList pieces = JniUtils.split(flat, sizes, 0);
        // attached first, so that the reshaped and permuted views made from them belong to step too
        pieces.attach(step);
        NDList views = new NDList(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            views.add(view(pieces.get(i), layouts[i], permuted[i]));
        }
        current = views;
    }

    /** Ends the step begun by {@link #beginStep(NDManager)} (its views close with its manager). */
    void endStep() {
        current = null;
    }

    /** A parameter store handing the block this step's views while a step runs, its own arrays otherwise. */
    ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                NDList views = current;
                if (views != null) {
                    Integer i = index.get(parameter);
                    if (i != null) {
                        return views.get(i);
                    }
                }
                return super.getValue(parameter, device, training);
            }
        };
    }

    /** The block whose trainable parameters are views of {@link #flat()}. */
    Block block() {
        return block;
    }

    /** The model's spec as it prints, to tell checkpoints of other models apart. */
    String modelName() {
        return modelName;
    }

    /** Number of trainable values. */
    int size() {
        return Math.toIntExact(flat.size());
    }

    /** A copy of every trainable value, in the flat tensor's own layout (for a checkpoint). */
    float[] values() {
        return flat.toFloatArray();
    }

    /** Overwrites every trainable value with {@code values}, as {@link #values()} gave them. */
    void load(float[] values) {
        checkArgument(values.length == flat.size(), "%s values for %s parameters", values.length, flat.size());
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        // in place, keeping the storage the block's views share (set(Buffer) would swap it); 0·w + v is v exactly
        try (NDArray source = flat.getManager().create(FloatBuffer.wrap(values), flat.getShape())) {
            flat.muli(0).addi(source);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The one leaf tensor holding every trainable parameter. */
    PtNDArray flat() {
        return flat;
    }
}
