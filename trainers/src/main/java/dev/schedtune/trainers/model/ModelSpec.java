package dev.schedtune.trainers.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
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
 * network for image-shaped rows (the digits are 1×8×8). {@link #build(Task)} makes the DJL block, with
 * the task's feature count as input and its class (or target) count as output. Immutable.
 *
 * <p>Weights start from DJL's default initializer (He normal, fan-in) and biases from zero, drawn from
 * PyTorch's random generator, so a seeded run builds the same model every time.
 */
public final class ModelSpec {
    /** The model families. */
    public enum Kind {
        /** Dense layers with an activation between them. */
        MLP,
        /** Two 3×3 convolutions (each followed by ReLU and 2×2 max-pooling), then a dense output layer. */
        CNN
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
    private final ActivationKind activation;

    private ModelSpec(Kind kind, List<Integer> widths, ActivationKind activation) {
        this.kind = kind;
        this.widths = ImmutableList.copyOf(widths);
        this.activation = activation;
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
        return new ModelSpec(Kind.MLP, hidden, activation);
    }

    /** A CNN with {@code channels1} then {@code channels2} filters; rows must be image-shaped (C×H×W). */
    public static ModelSpec cnn(int channels1, int channels2) {
        checkArgument(channels1 >= 1, "channels1 (%s) must be >= 1", channels1);
        checkArgument(channels2 >= 1, "channels2 (%s) must be >= 1", channels2);
        return new ModelSpec(Kind.CNN, List.of(channels1, channels2), ActivationKind.RELU);
    }

    /** The small CNN used for the digits: 8 then 16 filters (1,898 parameters on 1×8×8 inputs). */
    public static ModelSpec digitsCnn() {
        return cnn(8, 16);
    }

    /**
     * A spec from config values: {@code mlp} takes {@code hidden} (a list of widths) and {@code
     * activation} (relu, tanh, gelu, sigmoid); {@code cnn} takes {@code channels} (two filter counts).
     */
    public static ModelSpec of(String kind, Map<String, ?> params) {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "mlp":
                for (String name : params.keySet()) {
                    checkArgument(
                            name.equals("hidden") || name.equals("activation"),
                            "model mlp has no parameter '%s'; it takes: hidden, activation",
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
                return mlp(hidden, activation);
            case "cnn":
                for (String name : params.keySet()) {
                    checkArgument(name.equals("channels"), "model cnn has no parameter '%s'; it takes: channels", name);
                }
                List<Integer> channels = intList("cnn", "channels", params.get("channels"), List.of(8, 16));
                checkArgument(
                        channels.size() == 2,
                        "model cnn parameter 'channels' (%s) must hold 2 filter counts",
                        channels);
                return cnn(channels.get(0), channels.get(1));
            default:
                throw new IllegalArgumentException("model '" + kind + "' is unknown; known: mlp, cnn");
        }
    }

    private static List<Integer> intList(String kind, String name, @Nullable Object value, List<Integer> dflt) {
        if (value == null) {
            return dflt;
        }
        checkArgument(
                value instanceof List<?>, "model %s parameter '%s' (%s) must be a list of integers", kind, name, value);
        List<Integer> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            checkArgument(
                    o instanceof Number && ((Number) o).doubleValue() == Math.rint(((Number) o).doubleValue()),
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

    public ActivationKind activation() {
        return activation;
    }

    /** The config name of the kind ({@code mlp}, {@code cnn}). */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The settings as config values (the inverse of {@link #of(String, Map)}). */
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (kind == Kind.MLP) {
            p.put("hidden", widths);
            p.put("activation", activation.name().toLowerCase(Locale.ROOT));
        } else {
            p.put("channels", widths);
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
        if (kind == Kind.MLP) {
            for (int width : widths) {
                block.add(Linear.builder().setUnits(width).build()).add(activation.block());
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
            for (int filters : widths) {
                block.add(Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(filters)
                                .build())
                        .add(Activation.reluBlock())
                        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            block.add(Blocks.batchFlattenBlock());
        }
        block.add(Linear.builder().setUnits(task.numOutputs()).build());
        return block;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ModelSpec
                && ((ModelSpec) o).kind == kind
                && ((ModelSpec) o).widths.equals(widths)
                && ((ModelSpec) o).activation == activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, widths, activation);
    }

    @Override
    public String toString() {
        return kindName() + params();
    }
}
