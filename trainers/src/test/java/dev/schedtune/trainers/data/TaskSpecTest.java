package dev.schedtune.trainers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSpecTest {
    @Test
    void digitsAreTheVendoredUciSetSplitDeterministically() {
        Task task = TaskSpec.digits().load();
        assertThat(task.type()).isEqualTo(TaskType.CLASSIFICATION);
        Dataset test = task.test().orElseThrow();
        assertThat(task.train().size() + task.validation().size() + test.size()).isEqualTo(1797);
        int[] perClass = new int[10];
        Dataset all = TaskLoader.digits();
        for (int i = 0; i < all.size(); i++) {
            perClass[all.label(i)]++;
        }
        int expectedTest = 0;
        int expectedValidation = 0;
        for (int count : perClass) {
            int held = (int) Math.round(0.2 * count); // 20% of each class is the test split ...
            expectedTest += held;
            expectedValidation += (int) Math.round(0.2 * (count - held)); // ... then 20% of the rest validates
        }
        assertThat(test.size()).isEqualTo(expectedTest).isBetween(355, 365);
        assertThat(task.validation().size()).isEqualTo(expectedValidation).isBetween(283, 292);
        // another validation split (repeats) never moves a test row: the test split has its own fixed seed
        Task other = TaskSpec.digits().withValidationSplit(0.2, 5).load();
        assertThat(other.test()).contains(test);
        assertThat(other.validation()).isNotEqualTo(task.validation());
        Task noTest = TaskSpec.of(TaskSpec.DIGITS, Map.of("test_fraction", 0.0)).load();
        assertThat(noTest.test()).isEmpty();
        assertThat(noTest.train().size() + noTest.validation().size()).isEqualTo(1797);
        assertThat(task.numFeatures()).isEqualTo(64);
        assertThat(task.numOutputs()).isEqualTo(10);
        assertThat(task.featureShape()).containsExactly(1L, 8L, 8L);
        // the first row of the CSV is a 0 whose first pixels are 0,0,5,13 (scaled by 1/16)
        assertThat(all.label(0)).isZero();
        assertThat(all.feature(0, 2)).isEqualTo(5f / 16);
        assertThat(all.feature(0, 3)).isEqualTo(13f / 16);
        assertThat(TaskSpec.digits().load().validation()).isEqualTo(task.validation());
    }

    @Test
    void splitsAreStratifiedAndSeeded() {
        Dataset all = TaskLoader.digits();
        Dataset[] a = Splits.split(all, 0.25, 7);
        Dataset[] b = Splits.split(all, 0.25, 7);
        Dataset[] c = Splits.split(all, 0.25, 8);
        assertThat(a[0]).isEqualTo(b[0]);
        assertThat(a[1]).isEqualTo(b[1]);
        assertThat(a[1]).isNotEqualTo(c[1]);
        int[] perClass = new int[10];
        int[] total = new int[10];
        for (int i = 0; i < a[1].size(); i++) {
            perClass[a[1].label(i)]++;
        }
        for (int i = 0; i < all.size(); i++) {
            total[all.label(i)]++;
        }
        for (int k = 0; k < 10; k++) {
            assertThat(perClass[k]).isEqualTo((int) Math.round(0.25 * total[k]));
        }
        assertThatThrownBy(() -> Splits.split(all, 1.0, 0)).hasMessage("validationFraction (1.0) must be in (0, 1)");
    }

    @Test
    void syntheticTasksAreSeeded() {
        assertThat(TaskSpec.twoSpirals(300, 0.1, 4).load().train())
                .isEqualTo(TaskSpec.twoSpirals(300, 0.1, 4).load().train())
                .isNotEqualTo(TaskSpec.twoSpirals(300, 0.1, 5).load().train());
        Task blobs = TaskSpec.blobs(500, 5, 4, 0.5, 1).load();
        assertThat(blobs.numFeatures()).isEqualTo(5);
        assertThat(blobs.numOutputs()).isEqualTo(4);
        assertThat(blobs.train().size() + blobs.validation().size()).isEqualTo(500);
        Task regression = TaskSpec.teacherStudent(1000, 12, 3, 20, 0.0, 2).load();
        assertThat(regression.type()).isEqualTo(TaskType.REGRESSION);
        assertThat(regression.numOutputs()).isEqualTo(3);
        assertThat(regression.classNames()).isEmpty();
        assertThat(regression.validation().size()).isEqualTo(200);
        // the teacher is a tanh network with N(0, 1/fan-in) weights: targets have a modest scale
        double sum = 0;
        for (int i = 0; i < regression.train().size(); i++) {
            sum += Math.abs(regression.train().target(i, 0));
        }
        assertThat(sum / regression.train().size()).isBetween(0.05, 2.0);
    }

    @Test
    void specsNormaliseTheirParametersAndCompareByValue() {
        TaskSpec a = TaskSpec.of("two_spirals", Map.of("samples", 300));
        TaskSpec b = TaskSpec.of("two_spirals", Map.of("samples", 300L, "noise", 0.05, "seed", 0));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.params()).containsEntry("validation_fraction", 0.2).containsEntry("samples", 300L);
        assertThat(a.withValidationSplit(0.3, 9).params()).containsEntry("validation_fraction", 0.3);
        assertThat(TaskSpec.inMemory(a.load()).isPortable()).isFalse();
        assertThat(a.isPortable()).isTrue();
    }

    @Test
    void badSpecsNameKindParameterValueAndRange() {
        assertThatThrownBy(() -> TaskSpec.of("mnist", Map.of()))
                .hasMessage(
                        "task kind 'mnist' is unknown; known kinds: [digits, fashion_mnist, two_spirals, blobs, teacher_student, csv]");
        assertThatThrownBy(() -> TaskSpec.twoSpirals(3, 0.1, 0))
                .hasMessage("task two_spirals parameter 'samples' (3) must be >= 10");
        assertThatThrownBy(() -> TaskSpec.of("blobs", Map.of("spread", -1.0)))
                .hasMessage("task blobs parameter 'spread' (-1.0) must be > 0");
        assertThatThrownBy(() -> TaskSpec.of("blobs", Map.of("centres", 3)))
                .hasMessageStartingWith(
                        "task blobs has no parameter 'centres'; parameters: [samples, features, centers");
        assertThatThrownBy(() -> TaskSpec.of("digits", Map.of("validation_fraction", 1.5)))
                .hasMessage("task digits parameter 'validation_fraction' (1.5) must be in (0, 1)");
        assertThatThrownBy(() -> TaskSpec.of("blobs", Map.of("samples", 10.5)))
                .hasMessage("task blobs parameter 'samples' (10.5) must be a whole number");
        assertThatThrownBy(() -> TaskSpec.of("csv", Map.of()))
                .hasMessage("task csv needs parameter 'path' (a file path)");
    }
}
