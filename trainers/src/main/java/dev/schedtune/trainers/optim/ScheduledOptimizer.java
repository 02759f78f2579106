package dev.schedtune.trainers.optim;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.training.optimizer.Optimizer;
import dev.schedtune.dsl.ScheduleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A DJL {@link Optimizer} whose every hyperparameter is read from a {@link ScheduleSet} at each step,
 * with PyTorch's update rules (see {@link OptimizerSpec}). Create one with {@link
 * #create(OptimizerSpec, ScheduleSet)}.
 *
 * <p>It works in a DJL {@code Trainer} like any optimizer: DJL calls {@link #update(String, NDArray,
 * NDArray)} once per parameter array per step with a 1-based update count, and step {@code n − 1} of the
 * schedules drives update {@code n}. The schedules are evaluated once per step, not once per parameter.
 * schedtune's own training loop calls {@link #update(long, List, List, float)} instead, which updates all
 * parameters of one step in one call.
 *
 * <p>The updates run in PyTorch's C++ kernels through DJL's PyTorch engine (one call per parameter and
 * step for SGD with classical momentum and for Adam), so this class needs DJL's PyTorch engine.
 * Optimizer state (momentum buffers, Adam moments) is attached to each weight's {@code NDManager} and
 * freed with it.
 */
public abstract class ScheduledOptimizer extends Optimizer {
    final OptimizerSpec spec;
    private final OptimizerSpec.Resolved schedules;
    private final Map<String, State> statesById = new HashMap<>();
    private final List<State> statesByIndex = new ArrayList<>();
    private @Nullable HyperparameterRecorder recorder;
    private long currentStep = -1;
    /** The values of {@link #currentStep}; NaN where the optimizer lacks the hyperparameter. */
    double lr;

    double momentum;
    double beta1;
    double beta2;
    double weightDecay;

    ScheduledOptimizer(OptimizerSpec spec, ScheduleSet schedules) {
        super(new NoOptions());
        this.spec = spec;
        this.schedules = spec.resolve(schedules);
    }

    /**
     * An optimizer of {@code spec}'s kind driven by {@code schedules} (which must drive {@code lr} and only
     * hyperparameters the optimizer has). Ranges are checked step by step as the optimizer runs; call
     * {@link OptimizerSpec#validate(ScheduleSet, long)} to check a whole run before it starts.
     */
    public static ScheduledOptimizer create(OptimizerSpec spec, ScheduleSet schedules) {
        spec.validate(schedules, 1);
        return spec.kind() == OptimizerSpec.Kind.SGD
                ? new ScheduledSgd(spec, schedules)
                : new ScheduledAdam(spec, schedules);
    }

    /** The spec this optimizer follows. */
    public OptimizerSpec spec() {
        return spec;
    }

    /** Receives the values used at every step from now on (null: none). */
    public void setRecorder(@Nullable HyperparameterRecorder recorder) {
        this.recorder = recorder;
    }

    /** The values the schedules give at 0-based {@code step}, as this optimizer would use them. */
    public Hyperparameters valuesAt(long step) {
        boolean sgd = spec.kind() == OptimizerSpec.Kind.SGD;
        return new Hyperparameters(
                step,
                schedules.lr.valueAt(step),
                sgd ? valueOrNaN(schedules.momentum, step) : Double.NaN,
                sgd ? Double.NaN : valueOrNaN(schedules.beta1, step),
                sgd ? Double.NaN : valueOrNaN(schedules.beta2, step),
                schedules.weightDecay.valueAt(step));
    }

    private static double valueOrNaN(dev.schedtune.dsl.@Nullable Schedule s, long step) {
        return s == null ? Double.NaN : s.valueAt(step);
    }

    /** DJL's entry point: one parameter array, update count from DJL's 1-based counter. */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int numUpdate = updateCount(parameterId);
        prepare(numUpdate - 1L);
        apply(statesById.computeIfAbsent(parameterId, k -> new State()), pt(weight), pt(grad), rescaleGrad);
    }

    /**
     * Updates every parameter for 0-based {@code step}: {@code weights.get(i) −= f(grads.get(i) ·
     * gradScale)} and zeroes each weight's gradient. The i-th weight must be the same array at every
     * call (its optimizer state is kept by position).
     *
     * @param gradScale multiplies every gradient before the update (for example 1/batch when the loss
     *     was summed over the batch)
     */
    public void update(long step, List<? extends NDArray> weights, List<? extends NDArray> grads, float gradScale) {
        checkArgument(weights.size() == grads.size(), "%s weights but %s gradients", weights.size(), grads.size());
        prepare(step);
        while (statesByIndex.size() < weights.size()) {
            statesByIndex.add(new State());
        }
        for (int i = 0; i < weights.size(); i++) {
            apply(statesByIndex.get(i), pt(weights.get(i)), pt(grads.get(i)), gradScale);
        }
    }

    private void prepare(long step) {
        if (step == currentStep) {
            return;
        }
        Hyperparameters h = valuesAt(step);
        checkStep(h);
        lr = h.lr();
        momentum = h.momentum();
        beta1 = h.beta1();
        beta2 = h.beta2();
        weightDecay = h.weightDecay();
        currentStep = step;
        HyperparameterRecorder r = recorder;
        if (r != null) {
            r.onStep(h);
        }
    }

    /** Guards the step's values even when the run was not validated up front. */
    private void checkStep(Hyperparameters h) {
        if (!(h.lr() >= 0 && Double.isFinite(h.lr()))) {
            throw new IllegalArgumentException(
                    "hyperparameter lr is " + h.lr() + " at step " + h.step() + "; lr must be >= 0");
        }
        if (!(h.weightDecay() >= 0 && Double.isFinite(h.weightDecay()))) {
            throw new IllegalArgumentException("hyperparameter weight_decay is " + h.weightDecay() + " at step "
                    + h.step() + "; weight_decay must be >= 0");
        }
        if (spec.kind() == OptimizerSpec.Kind.SGD) {
            checkUnit("momentum", h.momentum(), h.step());
        } else {
            checkUnit("beta1", h.beta1(), h.step());
            checkUnit("beta2", h.beta2(), h.step());
        }
    }

    private static void checkUnit(String name, double v, long step) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(
                    "hyperparameter " + name + " is " + v + " at step " + step + "; " + name + " must be in [0, 1)");
        }
    }

    /**
     * A copy of the optimizer state of {@link #update(long, List, List, float)}'s parameters (one slot
     * per weight, in order), for a checkpoint.
     */
    public OptimizerState saveState() {
        List<OptimizerState.Slot> slots = new ArrayList<>(statesByIndex.size());
        for (State s : statesByIndex) {
            slots.add(OptimizerState.Slot.of(values(s.first), values(s.second), s.scale));
        }
        return OptimizerState.of(slots);
    }

    /**
     * Replaces the optimizer state with {@code state}, the state of a run saved by {@link #saveState()}:
     * the i-th slot's arrays are created next to (in the manager of) {@code weights.get(i)}.
     *
     * @throws IllegalArgumentException if the slots do not match the weights in number or size
     */
    public void loadState(OptimizerState state, List<? extends NDArray> weights) {
        checkArgument(
                state.slots().size() <= weights.size(),
                "the optimizer state has %s slots for %s parameter arrays",
                state.slots().size(),
                weights.size());
        statesByIndex.clear();
        for (int i = 0; i < state.slots().size(); i++) {
            OptimizerState.Slot slot = state.slots().get(i);
            NDArray w = weights.get(i);
            State s = new State();
            s.first = array(slot.first(), w, "first");
            s.second = array(slot.second(), w, "second");
            s.scale = slot.scale();
            statesByIndex.add(s);
        }
        currentStep = -1;
    }

    private static float @Nullable [] values(@Nullable PtNDArray a) {
        return a == null ? null : a.toFloatArray();
    }

    private static @Nullable PtNDArray array(float @Nullable [] values, NDArray weight, String what) {
        if (values == null) {
            return null;
        }
        checkArgument(
                values.length == weight.size(),
                "the optimizer state's %s buffer has %s values, its parameter %s",
                what,
                values.length,
                weight.size());
        return pt(weight.getManager().create(java.nio.FloatBuffer.wrap(values), weight.getShape()));
    }

    /** The current step (0-based) being applied; -1 before the first update. */
    long currentStep() {
        return currentStep;
    }

    /** Applies the current step's values to one parameter and zeroes its gradient. */
    abstract void apply(State state, PtNDArray weight, PtNDArray grad, float gradScale);

    private static PtNDArray pt(NDArray array) {
        if (!(array instanceof PtNDArray)) {
            throw new IllegalArgumentException("scheduled optimizers need DJL's PyTorch engine; got an array of "
                    + array.getManager().getEngine().getEngineName());
        }
        return (PtNDArray) array;
    }

    /** Per-parameter optimizer state. */
    static final class State {
        /** SGD: momentum buffer, stored as {@code scale · b}; Adam: first moment. */
        @Nullable
        PtNDArray first;
        /** Adam: second moment. */
        @Nullable
        PtNDArray second;
        /** SGD: the factor the momentum buffer is stored with (PyTorch's b = first / scale). */
        double scale = 1;
    }

    /** DJL's base class needs a builder; schedtune's optimizers take no DJL builder options. */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
