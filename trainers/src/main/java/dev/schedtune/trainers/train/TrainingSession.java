package dev.schedtune.trainers.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskType;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.HyperparameterRecorder;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.optim.ScheduledOptimizer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One model being trained on one task, holding all its native memory: the task's splits uploaded once
 * as tensors, the DJL block and its parameters, the optimizer state. {@link #close()} frees all of it.
 * Use a session from one thread, and one session at a time per JVM (DJL's PyTorch autograd is
 * process-global; a second open session fails with a clear error — run parallel trials in worker
 * processes).
 *
 * <p>How a step runs, and why it is fast: each epoch shuffles the training tensors once (one gather)
 * and splits them into batch views (one call); each step runs the block's forward pass with autograd
 * on (its parameters are views of one flat tensor, made by one split per step; see {@link
 * FlatParameters}), writes the loss's gradient with respect to the model output in closed form (softmax − one-hot,
 * or the residual), back-propagates it through the model with PyTorch's autograd, and updates every
 * parameter with one fused PyTorch kernel each ({@link ScheduledOptimizer}); the step's temporaries
 * live in a sub-manager closed at once. Nothing is copied back to Java per step except, every few steps,
 * the running loss sum (to stop on divergence).
 */
public final class TrainingSession implements AutoCloseable {
    /** The running loss is read (to detect divergence) every this many steps and at the end of each epoch. */
    static final int DIVERGENCE_CHECK_INTERVAL = 8;

    private static final int VALIDATION_CHUNK_ROWS = 8192;

    private final Task task;
    private final LossHead head;
    private final NDManager manager;
    private final GradientCollector collector;
    private final NDArray trainX;
    private final NDArray trainTargets;
    private final NDList validX = new NDList();
    private final NDList validTargets = new NDList();
    private final NDList validLabels = new NDList();
    private final NDList testX = new NDList();
    private final NDList testTargets = new NDList();
    private final NDList testLabels = new NDList();
    private final Block block;
    private final List<Block> layers;
    private final FlatParameters parameters;
    private final ParameterStore parameterStore;
    private final List<NDArray> weights = new ArrayList<>();
    private @Nullable List<NDArray> grads;
    private final ScheduledOptimizer optimizer;
    private SplittableRandom shuffle;
    private long shuffleSeed;
    /** Permutations drawn from {@link #shuffle} so far (one per epoch begun). */
    private long shuffles;

    private final long[] splitPoints;
    private final int[] batchRows;
    private long step;
    private boolean closed;

    private TrainingSession(
            Task task,
            ModelSpec model,
            OptimizerSpec optimizerSpec,
            ScheduleSet schedules,
            int batchSize,
            long seed,
            @Nullable List<float[]> initialParameters) {
        this.task = task;
        this.head = LossHead.of(task.type(), task.numOutputs());
        this.shuffle = new SplittableRandom(seed);
        this.shuffleSeed = seed;
        int rows = task.train().size();
        int batches = Math.max(1, (rows + batchSize - 1) / batchSize);
        this.splitPoints = new long[batches - 1];
        this.batchRows = new int[batches];
        for (int i = 0; i < batches; i++) {
            batchRows[i] = Math.min(batchSize, rows - i * batchSize);
            if (i > 0) {
                splitPoints[i - 1] = (long) i * batchSize;
            }
        }
        this.optimizer = ScheduledOptimizer.create(optimizerSpec, schedules);
        DjlRuntime.start();
        DjlRuntime.seed(seed);
        this.manager = NDManager.newBaseManager();
        GradientCollector gc = null;
        try {
            this.trainX = features(task.train());
            this.trainTargets = targets(task.train());
            Dataset v = task.validation();
            NDArray vx = features(v);
            NDArray vt = targets(v);
            NDArray vl = task.type() == TaskType.CLASSIFICATION ? labels(v) : vt;
            long[] chunks = chunkPoints(v.size());
            validX.addAll(vx.split(chunks));
            validTargets.addAll(vt.split(chunks));
            if (task.type() == TaskType.CLASSIFICATION) {
                validLabels.addAll(vl.split(chunks));
            }
            this.parameters = FlatParameters.build(model, task, manager, initialParameters);
            this.block = parameters.block();
            this.layers = block instanceof SequentialBlock
                    ? List.copyOf(block.getChildren().values())
                    : List.of(block);
            weights.add(parameters.flat());
            this.parameterStore = parameters.store(manager);
            gc = manager.getEngine().newGradientCollector();
            JniUtils.setGradMode(false);
            this.collector = gc;
        } catch (IllegalStateException e) {
            if (gc != null) {
                gc.close();
            }
            manager.close();
            if (String.valueOf(e.getMessage()).contains("already collecting")) {
                throw new IllegalStateException(
                        "another training session is running in this JVM; DJL's PyTorch autograd is process-global,"
                                + " so parallel trials need worker processes (dev.schedtune.trainers.pool.WorkerPool)",
                        e);
            }
            throw e;
        } catch (RuntimeException e) {
            if (gc != null) {
                gc.close();
            }
            manager.close();
            throw e;
        }
    }

    /**
     * Opens a session: uploads {@code task}'s splits, builds {@code model} with weights drawn after
     * seeding PyTorch with {@code seed}, and creates the optimizer. The engine starts if needed.
     */
    public static TrainingSession open(
            Task task, ModelSpec model, OptimizerSpec optimizer, ScheduleSet schedules, int batchSize, long seed) {
        checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
        return new TrainingSession(task, model, optimizer, schedules, batchSize, seed, null);
    }

    /** As {@link #open(Task, ModelSpec, OptimizerSpec, ScheduleSet, int, long)}, with given initial weights. */
    static TrainingSession open(
            Task task,
            ModelSpec model,
            OptimizerSpec optimizer,
            ScheduleSet schedules,
            int batchSize,
            long seed,
            List<float[]> initialParameters) {
        return new TrainingSession(task, model, optimizer, schedules, batchSize, seed, initialParameters);
    }

    /** Opens a session for {@code plan} on its already loaded {@code task}. */
    public static TrainingSession open(TrainingPlan plan, Task task) {
        return open(task, plan.model(), plan.optimizer(), plan.schedules(), plan.batchSize(), plan.seed());
    }

    private static long[] chunkPoints(int rows) {
        int chunks = (rows + VALIDATION_CHUNK_ROWS - 1) / VALIDATION_CHUNK_ROWS;
        long[] points = new long[Math.max(0, chunks - 1)];
        for (int i = 0; i < points.length; i++) {
            points[i] = (long) (i + 1) * VALIDATION_CHUNK_ROWS;
        }
        return points;
    }

    private NDArray features(Dataset d) {
        return manager.create(d.featureBuffer(), new Shape(d.size(), d.numFeatures()));
    }

    /** One-hot rows for classification (the loss's target), the raw targets for regression. */
    private NDArray targets(Dataset d) {
        if (d.type() == TaskType.REGRESSION) {
            return manager.create(d.targetBuffer(), new Shape(d.size(), d.numOutputs()));
        }
        float[] oneHot = new float[d.size() * d.numOutputs()];
        for (int i = 0; i < d.size(); i++) {
            oneHot[i * d.numOutputs() + d.label(i)] = 1f;
        }
        return manager.create(FloatBuffer.wrap(oneHot), new Shape(d.size(), d.numOutputs()));
    }

    private NDArray labels(Dataset d) {
        long[] l = new long[d.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = d.label(i);
        }
        return manager.create(l);
    }

    /** Receives each step's loss when per-step losses are wanted (the range test); false stops the epoch. */
    @FunctionalInterface
    public interface StepListener {
        /** {@code loss} is the mean loss of the batch of 0-based {@code step}, before its update. */
        boolean onStep(long step, double loss);
    }

    /** The result of one training epoch. */
    public static final class EpochOutcome {
        private final double trainLoss;
        private final int steps;
        private final long divergedAtStep;
        private final boolean stopped;

        EpochOutcome(double trainLoss, int steps, long divergedAtStep, boolean stopped) {
            this.trainLoss = trainLoss;
            this.steps = steps;
            this.divergedAtStep = divergedAtStep;
            this.stopped = stopped;
        }

        /** Mean training loss over the epoch's steps; NaN or infinite if it diverged. */
        public double trainLoss() {
            return trainLoss;
        }

        /** Steps run in this epoch. */
        public int steps() {
            return steps;
        }

        public boolean diverged() {
            return divergedAtStep >= 0;
        }

        /** The first step at which the running loss was seen not finite, or -1. */
        public long divergedAtStep() {
            return divergedAtStep;
        }

        /** Whether a {@link StepListener} stopped the epoch early. */
        public boolean stopped() {
            return stopped;
        }
    }

    /** Validation loss and accuracy. */
    public static final class Evaluation {
        private final double loss;
        private final double accuracy;

        Evaluation(double loss, double accuracy) {
            this.loss = loss;
            this.accuracy = accuracy;
        }

        /** Mean validation loss. */
        public double loss() {
            return loss;
        }

        /** Fraction classified correctly; NaN for regression. */
        public double accuracy() {
            return accuracy;
        }
    }

    /** Trains one shuffled pass over the training split. */
    public EpochOutcome trainEpoch() {
        return trainEpoch(null);
    }

    /**
     * Trains one shuffled pass. With a {@code listener}, every step's loss is read back and passed to it
     * (slower: one copy to Java per step); without, the running loss is read every {@value
     * #DIVERGENCE_CHECK_INTERVAL} steps. Training stops at the first non-finite loss seen.
     */
    public EpochOutcome trainEpoch(@Nullable StepListener listener) {
        checkState(!closed, "the session is closed");
        int rows = task.train().size();
        long[] order = permutation(rows);
        try (NDManager epoch = manager.newSubManager()) {
            PtNDArray index = (PtNDArray) epoch.create(order);
            // an embedding lookup is a row gather, and PyTorch runs it ~3x faster than x[index]
            NDArray xs = JniUtils.embedding(index, (PtNDArray) trainX, false);
            NDArray ts = JniUtils.embedding(index, (PtNDArray) trainTargets, false);
            NDList xBatches = splitPoints.length == 0 ? new NDList(xs) : xs.split(splitPoints);
            NDList tBatches = splitPoints.length == 0 ? new NDList(ts) : ts.split(splitPoints);
            NDArray lossSum = epoch.zeros(new Shape());
            double checkedSum = 0;
            for (int i = 0; i < batchRows.length; i++) {
                try (NDManager stepManager = epoch.newSubManager()) {
                    NDArray x = xBatches.get(i);
                    NDArray t = tBatches.get(i);
                    x.attach(stepManager);
                    t.attach(stepManager);
                    JniUtils.setGradMode(true);
                    NDArray out;
                    try {
                        parameters.beginStep(stepManager);
                        out = forward(x, true);
                    } finally {
                        parameters.endStep();
                        JniUtils.setGradMode(false);
                    }
                    NDArray gradOut;
                    double stepLoss = Double.NaN;
                    if (listener != null) {
                        NDArray stepSum = stepManager.zeros(new Shape());
                        gradOut = head.headAndLoss(out, t, stepSum);
                        stepLoss = scalar(stepSum) / (batchRows[i] * head.normalizer());
                        lossSum.addi(stepSum);
                    } else {
                        gradOut = head.headAndLoss(out, t, lossSum);
                    }
                    JniUtils.backward((PtNDArray) out, (PtNDArray) gradOut, false, false);
                    optimizer.update(step, weights, gradients(), head.gradFactor() / batchRows[i]);
                    long done = step++;
                    if (listener != null) {
                        if (!Double.isFinite(stepLoss)) {
                            return new EpochOutcome(stepLoss, i + 1, done, false);
                        }
                        if (!listener.onStep(done, stepLoss)) {
                            return new EpochOutcome(meanLoss(lossSum, i + 1), i + 1, -1, true);
                        }
                    } else if ((i + 1) % DIVERGENCE_CHECK_INTERVAL == 0 || i == batchRows.length - 1) {
                        checkedSum = scalar(lossSum);
                        if (!Double.isFinite(checkedSum)) {
                            return new EpochOutcome(checkedSum, i + 1, done, false);
                        }
                    }
                }
            }
            return new EpochOutcome(checkedSum / (rows * head.normalizer()), batchRows.length, -1, false);
        }
    }

    /**
     * Runs the model's layers one after the other, closing each intermediate output as soon as the next
     * layer has consumed it (autograd keeps what it saved for the backward pass). As in PyTorch, where
     * an activation is freed when its last reference goes, a convolution's output is gone before the
     * backward pass instead of at the end of the step, so the step's peak memory stays as low.
     */
    private NDArray forward(NDArray x, boolean training) {
        NDList current = new NDList(x);
        for (Block layer : layers) {
            NDList next = layer.forward(parameterStore, current, training);
            if (current.get(0) != x) {
                for (NDArray a : current) {
                    if (next.stream().noneMatch(b -> b == a)) {
                        a.close();
                    }
                }
            }
            current = next;
        }
        return current.singletonOrThrow();
    }

    private double meanLoss(NDArray lossSum, int batches) {
        long seen = 0;
        for (int i = 0; i < batches; i++) {
            seen += batchRows[i];
        }
        return scalar(lossSum) / (seen * head.normalizer());
    }

    /** The value of a 0-dimensional float tensor (one copy; {@code getFloat()} would index first). */
    private static double scalar(NDArray zeroDim) {
        return zeroDim.toFloatArray()[0];
    }

    /**
     * The parameters' gradient tensors. PyTorch accumulates into (and the optimizer zeroes) the same
     * tensor every step, so their handles are fetched once, after the first backward pass.
     */
    private List<NDArray> gradients() {
        List<NDArray> g = grads;
        if (g == null) {
            g = new ArrayList<>(weights.size());
            for (NDArray w : weights) {
                PtNDArray grad = JniUtils.getGradient((PtNDArray) w);
                checkState(grad != null, "parameter %s received no gradient", w.getName());
                grad.attach(manager);
                g.add(grad);
            }
            grads = g;
        }
        return g;
    }

    private long[] permutation(int n) {
        shuffles++;
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** Validation loss and accuracy of the current weights (autograd off). */
    public Evaluation evaluate() {
        checkState(!closed, "the session is closed");
        return evaluate(validX, validTargets, validLabels, task.validation().size());
    }

    /**
     * Test-split loss and accuracy of the current weights (autograd off). The test split is uploaded on
     * the first call: a study's search never pays for it.
     *
     * @throws IllegalStateException if the task has no test split
     */
    public Evaluation evaluateTest() {
        checkState(!closed, "the session is closed");
        Dataset test =
                task.test().orElseThrow(() -> new IllegalStateException("task " + task.name() + " has no test split"));
        if (testX.isEmpty()) {
            NDArray tx = features(test);
            NDArray tt = targets(test);
            long[] chunks = chunkPoints(test.size());
            testX.addAll(tx.split(chunks));
            testTargets.addAll(tt.split(chunks));
            if (task.type() == TaskType.CLASSIFICATION) {
                testLabels.addAll(labels(test).split(chunks));
            }
        }
        return evaluate(testX, testTargets, testLabels, test.size());
    }

    private Evaluation evaluate(NDList xs, NDList targets, NDList labelChunks, int rows) {
        double lossSum = 0;
        long correct = 0;
        for (int c = 0; c < xs.size(); c++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = xs.get(c);
                NDArray t = targets.get(c);
                scope.tempAttachAll(x, t);
                NDArray out = forward(x, false);
                lossSum += scalar(head.lossSum(out, t));
                if (task.type() == TaskType.CLASSIFICATION) {
                    NDArray labels = labelChunks.get(c);
                    scope.tempAttachAll(labels);
                    correct += out.argMax(1).eq(labels).sum().toLongArray()[0];
                }
            }
        }
        double loss = lossSum / (rows * head.normalizer());
        double accuracy = task.type() == TaskType.CLASSIFICATION ? (double) correct / rows : Double.NaN;
        return new Evaluation(loss, accuracy);
    }

    /**
     * The run as it is now, to save at an epoch boundary: weights, optimizer state, step counter, and
     * the shuffling generator's state (its seed and the permutations drawn from it).
     *
     * @param epochs the epochs done so far, recorded in the checkpoint
     */
    public Checkpoint checkpoint(int epochs) {
        checkState(!closed, "the session is closed");
        return new Checkpoint(
                parameters.modelName(),
                optimizer.spec().kind().configName(),
                task.train().size(),
                epochs,
                step,
                shuffleSeed,
                shuffles,
                parameters.values(),
                optimizer.saveState());
    }

    /**
     * Continues the run saved in {@code checkpoint}: its weights, optimizer state, step counter and
     * shuffling (the generator is re-seeded and advanced past the permutations the run drew), so the
     * next epoch is the one the saved run would have trained next.
     *
     * @throws CheckpointException if the checkpoint was saved from another model, optimizer or task
     */
    public void restore(Checkpoint checkpoint, java.nio.file.Path file) {
        checkState(!closed, "the session is closed");
        if (!checkpoint.model().equals(parameters.modelName())) {
            throw new CheckpointException(
                    file, "saved from model " + checkpoint.model() + ", this run trains " + parameters.modelName());
        }
        String kind = optimizer.spec().kind().configName();
        if (!checkpoint.optimizer().equals(kind)) {
            throw new CheckpointException(
                    file, "saved from optimizer " + checkpoint.optimizer() + ", this run uses " + kind);
        }
        if (checkpoint.trainRows() != task.train().size() || checkpoint.size() != parameters.size()) {
            throw new CheckpointException(
                    file,
                    "saved from a run on " + checkpoint.trainRows() + " training rows with " + checkpoint.size()
                            + " weights; this run has " + task.train().size() + " rows and "
                            + parameters.size() + " weights (another task?)");
        }
        parameters.load(checkpoint.weights());
        optimizer.loadState(checkpoint.optimizerState(), weights);
        grads = null;
        step = checkpoint.steps();
        shuffleSeed = checkpoint.shuffleSeed();
        shuffle = new SplittableRandom(shuffleSeed);
        shuffles = 0;
        int rows = task.train().size();
        for (long i = 0; i < checkpoint.shuffles(); i++) {
            permutation(rows);
        }
    }

    /** Sets where the optimizer reports the hyperparameters it uses at each step (null: nowhere). */
    public void setRecorder(@Nullable HyperparameterRecorder recorder) {
        optimizer.setRecorder(recorder);
    }

    /** Optimizer steps done so far. */
    public long steps() {
        return step;
    }

    /** Steps per epoch. */
    public int stepsPerEpoch() {
        return batchRows.length;
    }

    public Task task() {
        return task;
    }

    /** The DJL block being trained (its parameters live until {@link #close()}). */
    public Block block() {
        return block;
    }

    public ScheduledOptimizer optimizer() {
        return optimizer;
    }

    /** Frees every native array of the session and releases DJL's gradient collector. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                collector.close();
            } finally {
                manager.close();
            }
        }
    }
}
