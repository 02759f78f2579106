package dev.schedtune.trainers.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real worker JVMs: same results as in-process, parallel, pruning, crashes, bad input, a worker that cannot
 * start, shutdown.
 */
class WorkerPoolTest {
    static WorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = WorkerPool.builder()
                .warmUpSteps(300)
                .workers(2)
                .shutdownGrace(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    static TrainingPlan plan(int epochs, long seed) {
        return TrainingPlan.builder(
                        TaskSpec.digits(),
                        ModelSpec.mlp(32),
                        Schedules.oneCycle(0.2, epochs * 23).asSet())
                .optimizer(OptimizerSpec.sgd())
                .epochs(epochs)
                .batchSize(64)
                .seed(seed)
                .build();
    }

    @Test
    void aWorkerTrainsExactlyAsThisJvmDoes() {
        List<EpochReport> streamed = Collections.synchronizedList(new ArrayList<>());
        TrainingResult remote = pool.run(plan(3, 5), report -> {
            streamed.add(report);
            return EpochListener.Decision.CONTINUE;
        });
        TrainingResult local = TrainingLoop.run(plan(3, 5));
        assertThat(remote.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(streamed).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(remote.epochs().get(e).validationLoss())
                    .isEqualTo(local.epochs().get(e).validationLoss());
            assertThat(remote.epochs().get(e).trainLoss())
                    .isEqualTo(local.epochs().get(e).trainLoss());
            assertThat(streamed.get(e).validationLoss())
                    .isEqualTo(local.epochs().get(e).validationLoss());
        }
    }

    /**
     * Each job waits, at its first epoch, until the other job has reported its first epoch too, then
     * stops. Both end STOPPED long before their 5,000 epochs: so each worker was still training when the
     * other had trained an epoch, i.e. both trained at the same time, whatever the timing.
     */
    @Test
    void twoWorkersTrainAtTheSameTime() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<TrainingResult>> jobs = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                long seed = j;
                jobs.add(threads.submit(() -> pool.run(plan(5000, seed), report -> {
                    bothRunning.countDown();
                    try {
                        return bothRunning.await(2, TimeUnit.MINUTES)
                                ? EpochListener.Decision.STOP
                                : EpochListener.Decision.CONTINUE;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return EpochListener.Decision.STOP;
                    }
                })));
            }
            TrainingResult a = jobs.get(0).get(5, TimeUnit.MINUTES);
            TrainingResult b = jobs.get(1).get(5, TimeUnit.MINUTES);
            assertThat(a.status()).isEqualTo(TrainingStatus.STOPPED);
            assertThat(b.status()).isEqualTo(TrainingStatus.STOPPED);
            assertThat(a.epochs().size()).isLessThan(5000);
            assertThat(b.epochs().size()).isLessThan(5000);
            assertThat(pool.workerPids()).hasSize(2).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void stopFromTheListenerPrunesTheRemoteJob() {
        List<Integer> heard = new ArrayList<>();
        TrainingResult result = pool.run(plan(100, 1), report -> {
            heard.add(report.epoch());
            return report.epoch() == 2 ? EpochListener.Decision.STOP : EpochListener.Decision.CONTINUE;
        });
        assertThat(result.status()).isEqualTo(TrainingStatus.STOPPED);
        // the listener hears no epoch after its STOP; the worker stops at the first epoch end after the
        // message arrives (training continues meanwhile, so it may have finished an epoch or a few more)
        assertThat(heard).containsExactly(1, 2);
        assertThat(result.epochs().size()).isGreaterThanOrEqualTo(2).isLessThan(100);
    }

    @Test
    void badPlansFailWithTheWorkersMessage() {
        TrainingPlan negative = TrainingPlan.builder(
                        TaskSpec.digits(), ModelSpec.mlp(8), ScheduleSet.of(Schedules.linear(0.1, -0.1, 50)))
                .epochs(3)
                .build();
        assertThatThrownBy(() -> pool.run(negative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hyperparameter lr is")
                .hasMessageContaining("lr must be >= 0");
        assertThat(pool.run(plan(1, 0)).status()).isEqualTo(TrainingStatus.COMPLETED);
    }

    @Test
    void aKilledWorkerFailsItsJobAndIsReplaced() {
        try (WorkerPool single =
                WorkerPool.builder().warmUpSteps(300).workers(1).build()) {
            assertThat(single.run(plan(1, 0)).status()).isEqualTo(TrainingStatus.COMPLETED);
            long victim = single.workerPids().get(0);
            assertThatThrownBy(() -> single.run(plan(50, 0), report -> {
                        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                        return EpochListener.Decision.CONTINUE;
                    }))
                    .isInstanceOf(WorkerCrashedException.class)
                    .hasMessageStartingWith("worker " + victim + " exited");
            TrainingResult after = single.run(plan(1, 0));
            assertThat(after.status()).isEqualTo(TrainingStatus.COMPLETED);
            assertThat(single.workerPids()).hasSize(1).doesNotContain(victim);
            assertThat(single.workersStarted()).isEqualTo(2);
        }
    }

    /**
     * A real SIGSTOP of the worker during a job: the job ends when its time limit passes, with the reason,
     * the stopped process is killed, and the next job runs in a fresh worker.
     */
    @Test
    void aStoppedWorkerTimesOutAndIsReplaced() throws Exception {
        try (WorkerPool single =
                WorkerPool.builder().warmUpSteps(300).workers(1).build()) {
            assertThat(single.run(plan(1, 0)).status()).isEqualTo(TrainingStatus.COMPLETED);
            long victim = single.workerPids().get(0);
            assertThatThrownBy(() -> single.run(
                            plan(5000, 0),
                            report -> {
                                if (report.epoch() == 1) {
                                    stop(victim);
                                }
                                return EpochListener.Decision.CONTINUE;
                            },
                            Duration.ofSeconds(8)))
                    .isInstanceOf(WorkerTimeoutException.class)
                    .hasMessageStartingWith("timed out after 8s: worker " + victim + " was killed");
            assertThat(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(single.run(plan(1, 0)).status()).isEqualTo(TrainingStatus.COMPLETED);
            assertThat(single.workersStarted()).isEqualTo(2);
        }
    }

    /** SIGSTOP, then waits until the kernel reports the process stopped. */
    static void stop(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            for (int i = 0; i < 1000; i++) {
                String s = Files.readString(stat);
                // the state is the field after the parenthesised command name
                if (s.substring(s.lastIndexOf(')') + 2).startsWith("T")) {
                    return;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("process " + pid + " did not stop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A real OutOfMemoryError in a worker (a task far larger than its heap): the job fails with the error,
     * and the next job runs in a fresh process instead of the dying one.
     */
    @Test
    void aWorkerOutOfMemoryIsReplaced() {
        try (WorkerPool single = WorkerPool.builder()
                .warmUpSteps(0)
                .workers(1)
                .jvmOptions(List.of("-Xmx256m", "-XX:+UseSerialGC"))
                .build()) {
            TrainingPlan huge = TrainingPlan.builder(
                            TaskSpec.twoSpirals(400_000_000, 0.05, 0),
                            ModelSpec.mlp(8),
                            ScheduleSet.of(Schedules.constant(0.1)))
                    .epochs(1)
                    .build();
            assertThatThrownBy(() -> single.run(huge))
                    .isInstanceOf(WorkerJobException.class)
                    .hasMessageContaining("OutOfMemoryError")
                    .hasMessageContaining("worker process replaced");
            TrainingResult after = single.run(plan(1, 0));
            assertThat(after.status()).isEqualTo(TrainingStatus.COMPLETED);
            assertThat(single.workersStarted()).isEqualTo(2);
        }
    }

    @Test
    void aWorkerThatCannotStartFailsTheJobWithTheCauseAndTheFix(@TempDir Path empty) {
        try (WorkerPool wrong =
                WorkerPool.builder().workers(1).classpath(empty.toString()).build()) {
            assertThatThrownBy(() -> wrong.run(plan(1, 0)))
                    .isInstanceOf(WorkerStartException.class)
                    .hasMessageStartingWith("a worker process could not start: worker ")
                    .hasMessageContaining("exited before it connected with exit code 1")
                    .hasMessageContaining("Could not find or load main class " + WorkerMain.class.getName())
                    .hasMessageContaining("It was: " + empty)
                    .hasMessageContaining("WorkerPool.builder().classpath(...)");
            assertThat(wrong.workerPids()).isEmpty();
        }
    }

    @Test
    void closeEndsTheWorkerProcesses() {
        WorkerPool own = WorkerPool.builder().warmUpSteps(300).workers(1).build();
        own.run(plan(1, 0));
        List<Long> pids = own.workerPids();
        assertThat(pids).hasSize(1);
        own.close();
        ProcessHandle handle = ProcessHandle.of(pids.get(0)).orElse(null);
        assertThat(handle == null || !handle.isAlive()).isTrue();
        assertThatThrownBy(() -> own.run(plan(1, 0))).hasMessage("the worker pool is closed");
    }
}
