package dev.schedtune.trainers.optim;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which optimizer to train with, and the constant values of the hyperparameters a {@link ScheduleSet}
 * does not drive. Immutable; the {@code with*} methods validate at once.
 *
 * <p>Update rules are PyTorch's ({@code torch.optim.SGD}, {@code Adam}, {@code AdamW}) step for step:
 *
 * <ul>
 *   <li>SGD: {@code d = g + wd·w}; {@code b = d} on the first step, else {@code b = μ·b + (1 − τ)·d};
 *       {@code w −= lr·(d + μ·b)} with Nesterov, else {@code w −= lr·b} (τ = dampening). Scheduled:
 *       {@code lr}, {@code momentum}, {@code weight_decay}.
 *   <li>Adam / AdamW: {@code m = β1·m + (1 − β1)·g}, {@code v = β2·v + (1 − β2)·g²}, {@code w −=
 *       lr/(1 − β1^t) · m / (√v/√(1 − β2^t) + ε)} with t the 1-based step; Adam adds {@code wd·w} to
 *       {@code g}, AdamW first multiplies {@code w} by {@code 1 − lr·wd}. Scheduled: {@code lr}, {@code
 *       beta1}, {@code beta2}, {@code weight_decay}; a {@code momentum} schedule drives β1, as in
 *       PyTorch's {@code OneCycleLR}.
 * </ul>
 */
public final class OptimizerSpec {
    /** The optimizer families. */
    public enum Kind {
        SGD,
        ADAM,
        ADAMW;

        /** The lower-case name used in configs ({@code sgd}, {@code adam}, {@code adamw}). */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> SGD_NAMES =
            ImmutableSet.of(ScheduleSet.LR, ScheduleSet.MOMENTUM, ScheduleSet.WEIGHT_DECAY);
    private static final Set<String> ADAM_NAMES = ImmutableSet.of(
            ScheduleSet.LR, ScheduleSet.BETA1, ScheduleSet.BETA2, ScheduleSet.WEIGHT_DECAY, ScheduleSet.MOMENTUM);

    private final Kind kind;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    private OptimizerSpec(
            Kind kind,
            double momentum,
            double dampening,
            boolean nesterov,
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay) {
        this.kind = kind;
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD (momentum 0 unless scheduled or set). */
    public static OptimizerSpec sgd() {
        return new OptimizerSpec(Kind.SGD, 0, 0, false, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** SGD with constant {@code momentum} (a {@code momentum} schedule overrides it). */
    public static OptimizerSpec sgd(double momentum) {
        return sgd().withMomentum(momentum);
    }

    /** Adam with PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, weight decay 0. */
    public static OptimizerSpec adam() {
        return new OptimizerSpec(Kind.ADAM, Double.NaN, Double.NaN, false, 0.9, 0.999, 1e-8, 0);
    }

    /** AdamW with PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, weight decay 0.01. */
    public static OptimizerSpec adamW() {
        return new OptimizerSpec(Kind.ADAMW, Double.NaN, Double.NaN, false, 0.9, 0.999, 1e-8, 0.01);
    }

    /**
     * A spec from config values: {@code kind} is {@code sgd}, {@code adam} or {@code adamw}; {@code
     * params} may hold {@code momentum}, {@code dampening}, {@code nesterov} (SGD), {@code beta1},
     * {@code beta2}, {@code epsilon} (Adam) and {@code weight_decay}.
     */
    public static OptimizerSpec of(String kind, Map<String, ?> params) {
        OptimizerSpec spec;
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "sgd":
                spec = sgd();
                break;
            case "adam":
                spec = adam();
                break;
            case "adamw":
                spec = adamW();
                break;
            default:
                throw new IllegalArgumentException("optimizer '" + kind + "' is unknown; known: sgd, adam, adamw");
        }
        for (Map.Entry<String, ?> e : params.entrySet()) {
            spec = spec.with(e.getKey(), e.getValue());
        }
        return spec;
    }

    private OptimizerSpec with(String name, @Nullable Object value) {
        boolean sgdParam = name.equals("momentum") || name.equals("dampening") || name.equals("nesterov");
        boolean adamParam = name.equals("beta1") || name.equals("beta2") || name.equals("epsilon");
        if (!sgdParam && !adamParam && !name.equals("weight_decay")) {
            throw new IllegalArgumentException("optimizer parameter '" + name + "' is unknown; " + kind.configName()
                    + " takes: " + (kind == Kind.SGD ? "momentum, dampening, nesterov" : "beta1, beta2, epsilon")
                    + ", weight_decay");
        }
        checkArgument(
                (kind == Kind.SGD ? !adamParam : !sgdParam),
                "optimizer %s has no parameter '%s'",
                kind.configName(),
                name);
        if (name.equals("nesterov")) {
            checkArgument(value instanceof Boolean, "optimizer parameter 'nesterov' (%s) must be true or false", value);
            return withNesterov((Boolean) value);
        }
        checkArgument(value instanceof Number, "optimizer parameter '%s' (%s) must be a number", name, value);
        double v = ((Number) value).doubleValue();
        switch (name) {
            case "momentum":
                return withMomentum(v);
            case "dampening":
                return withDampening(v);
            case "beta1":
                return withBetas(v, beta2);
            case "beta2":
                return withBetas(beta1, v);
            case "epsilon":
                return withEpsilon(v);
            default:
                return withWeightDecay(v);
        }
    }

    /** SGD: the momentum used when no {@code momentum} schedule is given; in [0, 1). */
    public OptimizerSpec withMomentum(double momentum) {
        checkArgument(kind == Kind.SGD, "momentum is an SGD parameter; %s uses beta1", kind.configName());
        checkRange("momentum", momentum, 0, 1, false);
        return new OptimizerSpec(kind, momentum, dampening, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    /** SGD: dampening τ in [0, 1] (PyTorch's {@code dampening}; 0 by default). */
    public OptimizerSpec withDampening(double dampening) {
        checkArgument(kind == Kind.SGD, "dampening is an SGD parameter");
        checkRange("dampening", dampening, 0, 1, true);
        return new OptimizerSpec(kind, momentum, dampening, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    /** SGD: Nesterov momentum (needs momentum > 0 and dampening 0 at every step). */
    public OptimizerSpec withNesterov(boolean nesterov) {
        checkArgument(kind == Kind.SGD, "nesterov is an SGD parameter");
        return new OptimizerSpec(kind, momentum, dampening, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    /** Adam: β1 and β2 used when not scheduled; each in [0, 1). */
    public OptimizerSpec withBetas(double beta1, double beta2) {
        checkArgument(kind != Kind.SGD, "betas are Adam parameters; SGD uses momentum");
        checkRange("beta1", beta1, 0, 1, false);
        checkRange("beta2", beta2, 0, 1, false);
        return new OptimizerSpec(kind, momentum, dampening, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    /** Adam: ε added to the denominator; > 0. */
    public OptimizerSpec withEpsilon(double epsilon) {
        checkArgument(kind != Kind.SGD, "epsilon is an Adam parameter");
        checkArgument(epsilon > 0 && Double.isFinite(epsilon), "epsilon (%s) must be > 0", epsilon);
        return new OptimizerSpec(kind, momentum, dampening, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    /** The weight decay used when no {@code weight_decay} schedule is given; >= 0. */
    public OptimizerSpec withWeightDecay(double weightDecay) {
        checkArgument(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay (%s) must be >= 0", weightDecay);
        return new OptimizerSpec(kind, momentum, dampening, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    private static void checkRange(String name, double value, double lo, double hi, boolean hiInclusive) {
        boolean ok = value >= lo && (hiInclusive ? value <= hi : value < hi);
        checkArgument(ok, "%s (%s) must be in [%s, %s%s", name, value, lo, hi, hiInclusive ? "]" : ")");
    }

    public Kind kind() {
        return kind;
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** The hyperparameter names this optimizer accepts schedules for. */
    public Set<String> schedulableNames() {
        return kind == Kind.SGD ? SGD_NAMES : ADAM_NAMES;
    }

    /** The non-default settings as config values (the inverse of {@link #of(String, Map)}). */
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (kind == Kind.SGD) {
            p.put("momentum", momentum);
            p.put("dampening", dampening);
            p.put("nesterov", nesterov);
        } else {
            p.put("beta1", beta1);
            p.put("beta2", beta2);
            p.put("epsilon", epsilon);
        }
        p.put("weight_decay", weightDecay);
        return ImmutableMap.copyOf(p);
    }

    /**
     * Checks that {@code schedules} suits this optimizer and that every hyperparameter stays in range at
     * every step in [0, steps): lr >= 0, momentum and betas in [0, 1), weight decay >= 0, all finite.
     * Called before training starts, so a bad schedule fails fast.
     *
     * @throws IllegalArgumentException naming the hyperparameter, the step and the value
     */
    public void validate(ScheduleSet schedules, long steps) {
        checkArgument(steps >= 1, "steps (%s) must be >= 1", steps);
        for (String name : schedules.names()) {
            checkArgument(
                    schedulableNames().contains(name),
                    "the schedule set drives '%s', which %s does not have; it takes: %s",
                    name,
                    kind.configName(),
                    schedulableNames());
        }
        checkArgument(
                schedules.contains(ScheduleSet.LR),
                "the schedule set must drive 'lr'; it drives %s",
                schedules.names());
        checkArgument(
                !(schedules.contains(ScheduleSet.MOMENTUM) && schedules.contains(ScheduleSet.BETA1)),
                "the schedule set drives both 'momentum' and 'beta1'; for %s they are the same hyperparameter",
                kind.configName());
        Resolved r = resolve(schedules);
        for (long step = 0; step < steps; step++) {
            check(ScheduleSet.LR, r.lr, step, 0, Double.POSITIVE_INFINITY, "must be >= 0");
            check(ScheduleSet.WEIGHT_DECAY, r.weightDecay, step, 0, Double.POSITIVE_INFINITY, "must be >= 0");
            if (kind == Kind.SGD) {
                double mu = check(ScheduleSet.MOMENTUM, r.momentum, step, 0, 1, "must be in [0, 1)");
                if (nesterov) {
                    checkArgument(
                            mu > 0 && dampening == 0,
                            "Nesterov momentum needs momentum > 0 and dampening 0, but at step %s momentum is %s and"
                                    + " dampening %s",
                            step,
                            mu,
                            dampening);
                }
            } else {
                check(ScheduleSet.BETA1, r.beta1, step, 0, 1, "must be in [0, 1)");
                check(ScheduleSet.BETA2, r.beta2, step, 0, 1, "must be in [0, 1)");
            }
        }
    }

    private static double check(String name, Schedule s, long step, double lo, double hi, String allowed) {
        double v = s.valueAt(step);
        boolean ok = v >= lo && (hi == Double.POSITIVE_INFINITY ? Double.isFinite(v) : v < hi);
        if (!ok) {
            throw new IllegalArgumentException(
                    "hyperparameter " + name + " is " + v + " at step " + step + "; " + name + " " + allowed);
        }
        return v;
    }

    /** The schedule of every hyperparameter this optimizer has, constants filling the gaps. */
    Resolved resolve(ScheduleSet schedules) {
        Schedule lr = schedules.get(ScheduleSet.LR);
        Schedule wd = orConstant(schedules, ScheduleSet.WEIGHT_DECAY, weightDecay);
        if (kind == Kind.SGD) {
            return new Resolved(lr, orConstant(schedules, ScheduleSet.MOMENTUM, momentum), null, null, wd);
        }
        Schedule b1 = schedules.getOrNull(ScheduleSet.BETA1);
        if (b1 == null) {
            b1 = orConstant(schedules, ScheduleSet.MOMENTUM, beta1);
        }
        return new Resolved(lr, null, b1, orConstant(schedules, ScheduleSet.BETA2, beta2), wd);
    }

    private static Schedule orConstant(ScheduleSet schedules, String name, double constant) {
        Schedule s = schedules.getOrNull(name);
        return s != null ? s : step -> constant;
    }

    /** Resolved schedules; the ones an optimizer lacks are null. */
    static final class Resolved {
        final Schedule lr;
        final @Nullable Schedule momentum;
        final @Nullable Schedule beta1;
        final @Nullable Schedule beta2;
        final Schedule weightDecay;

        Resolved(
                Schedule lr,
                @Nullable Schedule momentum,
                @Nullable Schedule beta1,
                @Nullable Schedule beta2,
                Schedule weightDecay) {
            this.lr = lr;
            this.momentum = momentum;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.weightDecay = weightDecay;
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof OptimizerSpec)) {
            return false;
        }
        OptimizerSpec s = (OptimizerSpec) o;
        return kind == s.kind
                && Double.compare(momentum, s.momentum) == 0
                && Double.compare(dampening, s.dampening) == 0
                && nesterov == s.nesterov
                && Double.compare(beta1, s.beta1) == 0
                && Double.compare(beta2, s.beta2) == 0
                && Double.compare(epsilon, s.epsilon) == 0
                && Double.compare(weightDecay, s.weightDecay) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, momentum, dampening, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    @Override
    public String toString() {
        return kind.configName() + params();
    }
}
