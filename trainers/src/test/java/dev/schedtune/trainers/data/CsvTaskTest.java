package dev.schedtune.trainers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTaskTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private static String rows(int n, String label) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i * 0.5).append(',').append(label).append('\n');
        }
        return sb.toString();
    }

    @Test
    void readsFeaturesAndNamedClassesInSortedOrder() throws IOException {
        Path file = write(
                "animals.csv", "weight,height,kind\n" + rows(10, "dog") + rows(10, "cat") + rows(5, "\"emu, large\""));
        Task task = TaskSpec.csv(CsvOptions.classification(file)).load();
        assertThat(task.classNames()).containsExactly("cat", "dog", "emu, large");
        assertThat(task.numFeatures()).isEqualTo(2);
        assertThat(task.train().size() + task.validation().size()).isEqualTo(25);
        assertThat(task.validation().size()).isEqualTo(5); // 2 dogs, 2 cats, 1 emu
    }

    @Test
    void integerLabelsSortNumericallyAndLabelColumnCanBeNamedOrNumbered() throws IOException {
        Path file = write("digits.csv", "label,a,b", "10,1,2", "2,3,4", "10,5,6", "2,7,8", "1,9,9", "1,0,1");
        CsvOptions options =
                CsvOptions.classification(file).withLabelColumn("label").withValidationSplit(0.5, 1);
        Task task = TaskSpec.csv(options).load();
        assertThat(task.classNames()).containsExactly("1", "2", "10");
        assertThat(TaskSpec.csv(options.withLabelColumn(1)).load().train()).isEqualTo(task.train());
    }

    @Test
    void validationFileAndDeclaredClasses() throws IOException {
        Path train = write("train.csv", "x,y\n" + "1,a\n2,b\n3,a\n4,b\n");
        Path valid = write("valid.csv", "x,y", "5,b", "6,c");
        CsvOptions options = CsvOptions.classification(train).withValidationFile(valid);
        assertThatThrownBy(() -> TaskSpec.csv(options).load())
                .isInstanceOf(TaskDataException.class)
                .hasMessage(valid + ":3:2: unknown label 'c' in column 2 ('y'); known labels: [a, b]")
                .satisfies(e -> {
                    TaskDataException t = (TaskDataException) e;
                    assertThat(t.file()).isEqualTo(valid.toString());
                    assertThat(t.line()).isEqualTo(3);
                    assertThat(t.column()).isEqualTo(2);
                });
        Task task = TaskSpec.csv(options.withClasses(List.of("a", "b", "c"))).load();
        assertThat(task.numOutputs()).isEqualTo(3);
        assertThat(task.validation().size()).isEqualTo(2);
        assertThat(task.train().size()).isEqualTo(4);
    }

    @Test
    void wrongShapeNamesLineAndExpectedCount() throws IOException {
        Path file = write("bad.csv", "a,b,label", "1,2,x", "", "3,4", "5,6,y");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(file)).load())
                .isInstanceOf(TaskDataException.class)
                .hasMessage(file + ":4: row has 2 columns, expected 3 as in the header (line 1)");
    }

    @Test
    void nonNumericAndNonFiniteValuesNameLineAndColumn() throws IOException {
        Path file = write("bad.csv", "a,b,label", "1,2,x", "3,four,y");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(file)).load())
                .hasMessage(file + ":3:2: 'four' in column 2 ('b') is not a number");
        Path inf = write("inf.csv", "1,2,x", "3,Infinity,y");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(inf).withHeader(false))
                        .load())
                .hasMessage(inf + ":2:2: 'Infinity' in column 2 is not a finite float");
        Path empty = write("empty-field.csv", "a,b,label", "1,,x", "2,3,y");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(empty)).load())
                .hasMessage(empty + ":2:2: column 2 ('b') is empty");
    }

    @Test
    void tooFewRowsForTheSplitNamesTheFile() throws IOException {
        Path file = write("tiny.csv", "a,label", "1,x", "2,y", "3,x");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(file)).load())
                .isInstanceOf(TaskDataException.class)
                .hasMessage(file + ": validationFraction (0.2) of 3 rows leaves an empty split");
    }

    @Test
    void unknownLabelAgainstDeclaredClasses() throws IOException {
        Path file = write("labels.csv", "a,label", "1,cat", "2,dog", "3,cow");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(file).withClasses(List.of("cat", "dog")))
                        .load())
                .hasMessage(file + ":4:2: unknown label 'cow' in column 2 ('label'); known labels: [cat, dog]");
    }

    @Test
    void missingFileAndMissingLabelColumn() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(
                        () -> TaskSpec.csv(CsvOptions.classification(missing)).load())
                .isInstanceOf(TaskDataException.class)
                .hasMessage(missing + ": file does not exist (" + missing.toAbsolutePath() + ")");
        Path file = write("ok.csv", "a,b", "1,x", "2,y");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(file).withLabelColumn("kind"))
                        .load())
                .hasMessage(file + ": label column 'kind' is not in the header; columns: [a, b]");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(file).withLabelColumn(5))
                        .load())
                .hasMessage(file + ": label column number (5) must be in [1, 2]");
        Path one = write("one-class.csv", "a,b", "1,x", "2,x");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.classification(one)).load())
                .hasMessage(one + ": the label column 2 ('b') has only one class [x]; classification needs at least 2");
    }

    @Test
    void regressionAndStandardization() throws IOException {
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 50; i++) {
            sb.append(100 + i)
                    .append(',')
                    .append(-3 * i)
                    .append(',')
                    .append(0.5 * i)
                    .append('\n');
        }
        Path file = write("reg.csv", sb.toString());
        Task task =
                TaskSpec.csv(CsvOptions.regression(file).withStandardize(true)).load();
        assertThat(task.type()).isEqualTo(TaskType.REGRESSION);
        double mean = 0;
        for (int i = 0; i < task.train().size(); i++) {
            mean += task.train().feature(i, 0);
        }
        assertThat(mean / task.train().size()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-5));
        Path bad = write("reg-bad.csv", "x,y", "1,2", "3,abc");
        assertThatThrownBy(() -> TaskSpec.csv(CsvOptions.regression(bad)).load())
                .hasMessage(bad + ":3:2: 'abc' in column 2 ('y') is not a number");
    }

    @Test
    void editedFilesAreReadAgain() throws IOException, InterruptedException {
        Path file = write("edit.csv", "a,b,label\n" + rows(5, "x") + rows(5, "y"));
        TaskSpec spec = TaskSpec.csv(CsvOptions.classification(file));
        assertThat(spec.load().numOutputs()).isEqualTo(2);
        Files.writeString(file, "a,b,label\n" + rows(5, "x") + rows(5, "y") + rows(5, "z"));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(spec.load().numOutputs()).isEqualTo(3);
    }
}
