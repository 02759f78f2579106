package dev.schedtune.trainers.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.UniformInitializer;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.trainers.data.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model as data: a multilayer perceptron of configurable width and depth, or a small convolutional
 * network for image-shaped rows (the digits are 1×8×8, Fashion-MNIST 1×28×28), optionally with dense
 * layers after its convolutions. {@link #build(Task)} makes the DJL block, with the task's feature count
 * as input and its class (or target) count as output. Immutable.
 *
 * <p>Initial values are drawn from PyTorch's random generator, so a seeded run builds the same model
 * every time. {@link Init#HE} (the default, as before) draws weights from DJL's default He normal
 * (fan-in) and sets biases to zero; {@link Init#TORCH} draws them as PyTorch's {@code nn.Linear} and
 * {@code nn.Conv2d} do by default, so a network trains from the same distribution as its PyTorch twin.
 */
public final class ModelSpec {
    /** The model families. */
    public enum Kind {
        /** Dense layers with an activation between them. */
        MLP,
        /**
         * Two 3×3 convolutions (each followed by ReLU and 2×2 max-pooling), then optional dense ReLU
         * layers, then a dense output layer.
         */
        CNN
    }

    /** How initial weights and biases are drawn. */
    public enum Init {
        /** DJL's default: weights He normal, N(0, 2/fan_in); biases zero. */
        HE,
        /**
         * PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d}: weights from {@code
         * kaiming_uniform_(a=√5)}, which is U(−1/√fan_in, 1/√fan_in), and biases from the same range
         * (fan_in = input features, or input channels × kernel height × kernel width).
         */
        TORCH
    }

    /** Activations an MLP can use between its dense layers. */
    public enum ActivationKind {
        RELU,
        TANH,
        GELU,
        SIGMOID;

        Block block() {
            switch (this) {
                case TANH:
                    return Activation.tanhBlock();
                case GELU:
                    return Activation.geluBlock();
                case SIGMOID:
                    return Activation.sigmoidBlock();
                default:
                    return Activation.reluBlock();
            }
        }
    }

    private final Kind kind;
    private final ImmutableList<Integer> widths;
    private final ImmutableList<Integer> dense;
    private final ActivationKind activation;
    private final Init init;

    private ModelSpec(Kind kind, List<Integer> widths, List<Integer> dense, ActivationKind activation, Init init) {
        this.kind = kind;
        this.widths = ImmutableList.copyOf(widths);
        this.dense = ImmutableList.copyOf(dense);
        this.activation = activation;
        this.init = init;
    }

    /** An MLP with ReLU and hidden layers of these widths (none: a linear model). */
    public static ModelSpec mlp(int... hidden) {
        List<Integer> widths = new ArrayList<>();
        for (int h : hidden) {
            widths.add(h);
        }
        return mlp(widths, ActivationKind.RELU);
    }

    /** An MLP with {@code activation} between hidden layers of these widths. */
    public static ModelSpec mlp(List<Integer> hidden, ActivationKind activation) {
        for (int i = 0; i < hidden.size(); i++) {
            checkArgument(hidden.get(i) >= 1, "hidden width %s (%s) must be >= 1", i, hidden.get(i));
        }
        return new ModelSpec(Kind.MLP, hidden, List.of(), activation, Init.HE);
    }

    /**
     * A CNN with {@code channels1} then {@code channels2} filters, then dense ReLU layers of the {@code
     * hidden} widths (none: the flattened features feed the output layer); rows must be image-shaped
     * (C×H×W).
     */
    public static ModelSpec cnn(int channels1, int channels2, int... hidden) {
        checkArgument(channels1 >= 1, "channels1 (%s) must be >= 1", channels1);
        checkArgument(channels2 >= 1, "channels2 (%s) must be >= 1", channels2);
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < hidden.length; i++) {
            checkArgument(hidden[i] >= 1, "hidden width %s (%s) must be >= 1", i, hidden[i]);
            widths.add(hidden[i]);
        }
        return new ModelSpec(Kind.CNN, List.of(channels1, channels2), widths, ActivationKind.RELU, Init.HE);
    }

    /** The small CNN used for the digits: 8 then 16 filters (1,898 parameters on 1×8×8 inputs). */
    public static ModelSpec digitsCnn() {
        return cnn(8, 16);
    }

    /**
     * The reference CNN of 28×28 images, the same network and initialisation as the PyTorch module
     * {@code Conv2d(1, 16, 3, padding=1) → ReLU → max_pool2d(2) → Conv2d(16, 32, 3, padding=1) → ReLU →
     * max_pool2d(2) → Linear(1568, 64) → ReLU → Linear(64, 10)} (105,866 parameters on 1×28×28 inputs).
     */
    public static ModelSpec referenceCnn() {
        return cnn(16, 32, 64).withInit(Init.TORCH);
    }

    /** This model with initial values drawn by {@code init}. */
    public ModelSpec withInit(Init init) {
        return new ModelSpec(kind, widths, dense, activation, init);
    }

    /**
     * A spec from config values: {@code mlp} takes {@code hidden} (a list of widths, or one width) and
     * {@code activation} (relu, tanh, gelu, sigmoid); {@code cnn} takes {@code channels} (two filter
     * counts) and {@code hidden} (the dense widths after the convolutions, a list or one width; none by
     * default); both take {@code init} (he, the default, or torch).
     */
    public static ModelSpec of(String kind, Map<String, ?> params) {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "mlp":
                for (String name : params.keySet()) {
                    checkArgument(
                            name.equals("hidden") || name.equals("activation") || name.equals("init"),
                            "model mlp has no parameter '%s'; it takes: hidden, activation, init",
                            name);
                }
                List<Integer> hidden = intList("mlp", "hidden", params.get("hidden"), List.of(64));
                Object act = params.get("activation");
                ActivationKind activation = ActivationKind.RELU;
                if (act != null) {
                    try {
                        activation = ActivationKind.valueOf(act.toString().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "model mlp parameter 'activation' (" + act
                                        + ") must be one of relu, tanh, gelu, sigmoid",
                                e);
                    }
                }
                return mlp(hidden, activation).withInit(init("mlp", params.get("init")));
            case "cnn":
                for (String name : params.keySet()) {
                    checkArgument(
                            name.equals("channels") || name.equals("hidden") || name.equals("init"),
                            "model cnn has no parameter '%s'; it takes: channels, hidden, init",
                            name);
                }
                List<Integer> channels = intList("cnn", "channels", params.get("channels"), List.of(8, 16));
                checkArgument(
                        channels.size() == 2,
                        "model cnn parameter 'channels' (%s) must hold 2 filter counts",
                        channels);
                checkArgument(
                        channels.get(0) >= 1 && channels.get(1) >= 1,
                        "model cnn parameter 'channels' (%s) must hold filter counts >= 1",
                        channels);
                List<Integer> dense = intList("cnn", "hidden", params.get("hidden"), List.of());
                for (int width : dense) {
                    checkArgument(
                            width >= 1,
                            "model cnn parameter 'hidden' (%s) must hold widths >= 1",
                            params.get("hidden"));
                }
                int[] hiddenWidths = dense.stream().mapToInt(Integer::intValue).toArray();
                return cnn(channels.get(0), channels.get(1), hiddenWidths).withInit(init("cnn", params.get("init")));
            default:
                throw new IllegalArgumentException("model '" + kind + "' is unknown; known: mlp, cnn");
        }
    }

    private static Init init(String kind, @Nullable Object value) {
        if (value == null) {
            return Init.HE;
        }
        try {
            return Init.valueOf(value.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "model " + kind + " parameter 'init' (" + value + ") must be one of he, torch", e);
        }
    }

    /** A list of whole numbers; one whole number stands for a list of one. */
    private static List<Integer> intList(String kind, String name, @Nullable Object value, List<Integer> dflt) {
        if (value == null) {
            return dflt;
        }
        List<?> values = value instanceof Number ? List.of(value) : null;
        if (value instanceof List<?>) {
            values = (List<?>) value;
        }
        checkArgument(values != null, "model %s parameter '%s' (%s) must be a list of integers", kind, name, value);
        List<Integer> out = new ArrayList<>();
        for (Object o : values) {
            checkArgument(
                    o instanceof Number
                            && ((Number) o).doubleValue() == Math.rint(((Number) o).doubleValue())
                            && Math.abs(((Number) o).doubleValue()) <= Integer.MAX_VALUE,
                    "model %s parameter '%s' (%s) must be a list of integers",
                    kind,
                    name,
                    value);
            out.add(((Number) o).intValue());
        }
        return out;
    }

    public Kind kind() {
        return kind;
    }

    /** MLP: hidden widths; CNN: the two filter counts. */
    public List<Integer> widths() {
        return widths;
    }

    /** CNN: the widths of the dense ReLU layers between the convolutions and the output layer; MLP: empty. */
    public List<Integer> dense() {
        return dense;
    }

    public ActivationKind activation() {
        return activation;
    }

    public Init init() {
        return init;
    }

    /** The config name of the kind ({@code mlp}, {@code cnn}). */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The settings as config values (the inverse of {@link #of(String, Map)}). A CNN's {@code hidden} and
     * either kind's {@code init} appear only when not the default, so the models configured before they
     * existed keep the same description (in stored studies, too).
     */
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (kind == Kind.MLP) {
            p.put("hidden", widths);
            p.put("activation", activation.name().toLowerCase(Locale.ROOT));
        } else {
            p.put("channels", widths);
            if (!dense.isEmpty()) {
                p.put("hidden", dense);
            }
        }
        if (init != Init.HE) {
            p.put("init", init.name().toLowerCase(Locale.ROOT));
        }
        return ImmutableMap.copyOf(p);
    }

    /**
     * The DJL block for {@code task}: input rows of {@code task.numFeatures()} values, output {@code
     * task.numOutputs()} logits (or targets).
     *
     * @throws IllegalArgumentException if a CNN is asked for rows that are not image-shaped
     */
    public Block build(Task task) {
        SequentialBlock block = new SequentialBlock();
        long fanIn = task.numFeatures();
        if (kind == Kind.MLP) {
            for (int width : widths) {
                block.add(initialized(Linear.builder().setUnits(width).build(), fanIn))
                        .add(activation.block());
                fanIn = width;
            }
        } else {
            List<Long> shape = task.featureShape();
            checkArgument(
                    shape.size() == 3,
                    "a CNN needs image-shaped rows (channels x height x width), but task %s has feature shape %s",
                    task.name(),
                    shape);
            Shape image = new Shape(-1, shape.get(0), shape.get(1), shape.get(2));
            block.add(list -> new NDList(list.singletonOrThrow().reshape(image)));
            long channels = shape.get(0);
            long height = shape.get(1);
            long width = shape.get(2);
            for (int filters : widths) {
                block.add(initialized(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(3, 3))
                                        .optPadding(new Shape(1, 1))
                                        .setFilters(filters)
                                        .build(),
                                channels * 3 * 3))
                        // pool, then ReLU: the same values and gradients as ReLU then pool (both are
                        // monotone, and ReLU passes no gradient where the pooled maximum is <= 0), with
                        // the ReLU and its backward pass on a quarter of the elements
                        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                        .add(Activation.reluBlock());
                channels = filters;
                height /= 2;
                width /= 2;
            }
            block.add(Blocks.batchFlattenBlock());
            fanIn = channels * height * width;
            for (int units : dense) {
                block.add(initialized(Linear.builder().setUnits(units).build(), fanIn))
                        .add(Activation.reluBlock());
                fanIn = units;
            }
        }
        block.add(initialized(Linear.builder().setUnits(task.numOutputs()).build(), fanIn));
        return block;
    }

    /** {@code layer} with {@link #init}'s initializers for a layer of {@code fanIn} inputs per output. */
    private Block initialized(Block layer, long fanIn) {
        if (init == Init.TORCH) {
            // kaiming_uniform_(a=√5): gain √(2/(1+5)), bound gain·√(3/fan_in) = 1/√fan_in; biases alike
            UniformInitializer uniform = new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
            layer.setInitializer(uniform, Parameter.Type.WEIGHT);
            layer.setInitializer(uniform, Parameter.Type.BIAS);
        }
        return layer;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ModelSpec
                && ((ModelSpec) o).kind == kind
                && ((ModelSpec) o).widths.equals(widths)
                && ((ModelSpec) o).dense.equals(dense)
                && ((ModelSpec) o).activation == activation
                && ((ModelSpec) o).init == init;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, widths, dense, activation, init);
    }

    @Override
    public String toString() {
        return kindName() + params();
    }
}
