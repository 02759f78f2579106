package dev.schedtune.trainers.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.trainers.data.CsvOptions;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanJsonTest {
    @Test
    void specsSurviveTheWireExactly() {
        ScheduleSpec nested = ScheduleSpec.builder("join")
                .put("schedules", List.of(ScheduleSpec.of("constant", Map.of("value", 0.5)), ScheduleSpec.of("x")))
                .put("boundaries", List.of(10L, 20L))
                .put("weights", Map.of("a", 1.0, "b", 2L))
                .put("flag", true)
                .put("name", "n")
                .put("whole", 3L)
                .put("real", 3.0)
                .put("tiny", 1e-300)
                .put("nan", Double.NaN)
                .build();
        JsonNode wire = Protocol.parse(Protocol.line(SpecJson.write(nested)));
        assertThat(SpecJson.read(wire)).isEqualTo(nested);
        assertThat(SpecJson.read(wire).arg("real")).isInstanceOf(Double.class);
        assertThat(SpecJson.read(wire).arg("whole")).isInstanceOf(Long.class);
    }

    @Test
    void plansRoundTripAndRebuildTheSameSchedules() {
        ScheduleSet oneCycle = Schedules.oneCycle(0.1, 200).asSet();
        TrainingPlan plan = TrainingPlan.builder(
                        TaskSpec.blobs(300, 3, 4, 0.7, 9).withValidationSplit(0.25, 3),
                        ModelSpec.mlp(List.of(16, 8), ModelSpec.ActivationKind.TANH),
                        oneCycle)
                .optimizer(OptimizerSpec.sgd(0.9).withNesterov(true).withWeightDecay(1e-4))
                .epochs(7)
                .batchSize(33)
                .seed(-5)
                .build();
        TrainingPlan back = PlanJson.read(Protocol.parse(Protocol.line(PlanJson.write(plan))));
        assertThat(back.task()).isEqualTo(plan.task());
        assertThat(back.model()).isEqualTo(plan.model());
        assertThat(back.optimizer()).isEqualTo(plan.optimizer());
        assertThat(back.epochs()).isEqualTo(7);
        assertThat(back.batchSize()).isEqualTo(33);
        assertThat(back.seed()).isEqualTo(-5);
        assertThat(back.schedules().names()).containsExactlyElementsOf(oneCycle.names());
        for (long step = 0; step < 220; step += 7) {
            for (String name : oneCycle.names()) {
                assertThat(back.schedules().valueAt(name, step)).isEqualTo(oneCycle.valueAt(name, step));
            }
        }
        TrainingPlan csv = TrainingPlan.builder(
                        TaskSpec.csv(CsvOptions.classification(Path.of("/data/x.csv"))
                                .withClasses(List.of("a", "b"))),
                        ModelSpec.digitsCnn(),
                        ScheduleSet.of(Schedules.cosine(0.1, 0.0, 100)))
                .optimizer(OptimizerSpec.adamW())
                .build();
        assertThat(PlanJson.read(PlanJson.write(csv)).task()).isEqualTo(csv.task());
    }

    @Test
    void resultsRoundTripIncludingNaN() {
        TrainingResult r = new TrainingResult(
                TrainingStatus.STOPPED,
                List.of(new EpochReport(1, 10, 0.5, 0.6, Double.NaN, 0.25, 1e-3)),
                10,
                0.3,
                0.05,
                0,
                -1,
                "stopped");
        assertThat(PlanJson.readResult(Protocol.parse(Protocol.line(PlanJson.write(r)))))
                .isEqualTo(r);
    }

    @Test
    void lambdasAndInMemoryTasksCannotTravel() {
        Schedule lambda = step -> 0.1;
        TrainingPlan plan = TrainingPlan.builder(TaskSpec.digits(), ModelSpec.mlp(8), ScheduleSet.of(lambda))
                .build();
        assertThatThrownBy(() -> PlanJson.write(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the schedules cannot be sent to a worker process: schedule")
                .hasMessageEndingWith("(or train in this JVM with TrainingLoop)");
        TrainingPlan inMemory = TrainingPlan.builder(
                        TaskSpec.inMemory(TaskSpec.digits().load()),
                        ModelSpec.mlp(8),
                        ScheduleSet.of(Schedules.constant(0.1)))
                .build();
        assertThatThrownBy(() -> PlanJson.write(inMemory))
                .hasMessageStartingWith("an in-memory task cannot be sent to a worker process");
    }
}
