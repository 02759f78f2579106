package dev.schedtune.trainers.data;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads a task from CSV files: one row per line, comma-separated, optional header, fields optionally in
 * double quotes; one label column (a class name, or a number for regression), every other column a
 * numeric feature. Every problem is a {@link TaskDataException} naming the file, line and column.
 */
final class CsvTaskReader {
    private final CsvOptions options;

    CsvTaskReader(CsvOptions options) {
        this.options = options;
    }

    Task read(String name) {
        Table train = Table.parse(options.path(), options.header());
        int labelColumn = train.resolveLabel(options.label());
        List<String> classes = options.type() == TaskType.CLASSIFICATION ? classes(train, labelColumn) : List.of();
        Dataset trainData = train.toDataset(labelColumn, classes, options.type());
        Dataset testData = null;
        Path testPath = options.testPath();
        if (testPath != null) {
            testData = sameColumns(testPath, train).toDataset(labelColumn, classes, options.type());
        } else if (options.testFraction() > 0) {
            Dataset[] held;
            try {
                held = Splits.split(trainData, options.testFraction(), TaskLoader.TEST_SPLIT_SEED);
            } catch (IllegalArgumentException e) {
                throw new TaskDataException(options.path(), e.getMessage(), e);
            }
            trainData = held[0];
            testData = held[1];
        }
        Dataset validationData;
        Path validationPath = options.validationPath();
        if (validationPath != null) {
            validationData = sameColumns(validationPath, train).toDataset(labelColumn, classes, options.type());
        } else {
            Dataset[] parts;
            try {
                parts = Splits.split(trainData, options.validationFraction(), options.splitSeed());
            } catch (IllegalArgumentException e) {
                throw new TaskDataException(options.path(), e.getMessage(), e);
            }
            trainData = parts[0];
            validationData = parts[1];
        }
        if (options.standardize()) {
            float[][] moments = trainData.columnMoments();
            trainData = trainData.standardized(moments[0], moments[1]);
            validationData = validationData.standardized(moments[0], moments[1]);
            if (testData != null) {
                testData = testData.standardized(moments[0], moments[1]);
            }
        }
        Task task = Task.of(name, trainData, validationData, classes);
        return testData == null ? task : task.withTest(testData);
    }

    /** Another file of the task (validation or test), which must have the training file's columns. */
    private Table sameColumns(Path file, Table train) {
        Table table = Table.parse(file, options.header());
        if (table.columns() != train.columns()) {
            throw new TaskDataException(
                    file,
                    table.firstLine,
                    0,
                    table.columns() + " columns, but the training file " + options.path() + " has " + train.columns());
        }
        return table;
    }

    private List<String> classes(Table table, int labelColumn) {
        List<String> declared = options.classes();
        if (!declared.isEmpty()) {
            return declared;
        }
        TreeSet<String> seen = new TreeSet<>();
        boolean allIntegers = true;
        for (Row row : table.rows) {
            String label = row.fields.get(labelColumn);
            seen.add(label);
            allIntegers &= label.matches("[+-]?\\d{1,9}");
        }
        List<String> sorted = new ArrayList<>(seen);
        if (allIntegers) {
            sorted.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        }
        if (sorted.size() < 2) {
            throw new TaskDataException(
                    table.file,
                    "the label column " + table.describe(labelColumn) + " has only one class " + sorted
                            + "; classification needs at least 2",
                    null);
        }
        return ImmutableList.copyOf(sorted);
    }

    /** One data line: its number in the file and its fields (unquoted, trimmed). */
    private static final class Row {
        final int line;
        final List<String> fields;

        Row(int line, List<String> fields) {
            this.line = line;
            this.fields = fields;
        }
    }

    /** The parsed lines of one file, checked for a consistent number of columns. */
    private static final class Table {
        final Path file;
        final List<String> header;
        final List<Row> rows;
        final int firstLine;

        private Table(Path file, List<String> header, List<Row> rows, int firstLine) {
            this.file = file;
            this.header = header;
            this.rows = rows;
            this.firstLine = firstLine;
        }

        int columns() {
            return header.isEmpty() ? rows.get(0).fields.size() : header.size();
        }

        static Table parse(Path file, boolean hasHeader) {
            List<String> header = List.of();
            List<Row> rows = new ArrayList<>();
            int firstLine = 0;
            int expected = -1;
            String expectedFrom = "";
            // a task file names any path, also in a study config stored by someone else: only a regular file,
            // read line by line with a bounded length, so /dev/zero, a FIFO or a file without line breaks gets
            // a clear error instead of hanging or exhausting every worker that reads it
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new TaskDataException(
                        file, "is not a regular file (a directory, device or FIFO); give a CSV file", null);
            }
            int line = 0;
            try (Reader raw = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                BoundedLines reader = new BoundedLines(raw);
                String text;
                while ((text = reader.next()) != null) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    List<String> fields = split(file, line, text);
                    if (firstLine == 0) {
                        firstLine = line;
                        expected = fields.size();
                        expectedFrom =
                                hasHeader ? "the header (line " + line + ")" : "the first row (line " + line + ")";
                        if (hasHeader) {
                            header = ImmutableList.copyOf(fields);
                            continue;
                        }
                    }
                    if (fields.size() != expected) {
                        throw new TaskDataException(
                                file,
                                line,
                                0,
                                "row has " + fields.size() + " columns, expected " + expected + " as in "
                                        + expectedFrom);
                    }
                    rows.add(new Row(line, fields));
                }
            } catch (BoundedLines.LineTooLongException e) {
                throw new TaskDataException(file, line + 1, 0, "the line is " + e.getMessage() + "; is it a CSV file?");
            } catch (NoSuchFileException e) {
                throw new TaskDataException(file, "file does not exist (" + file.toAbsolutePath() + ")", e);
            } catch (IOException e) {
                throw new TaskDataException(file, "cannot be read: " + e, e);
            }
            if (rows.isEmpty()) {
                throw new TaskDataException(file, "has no data rows", null);
            }
            if (expected < 2) {
                throw new TaskDataException(
                        file,
                        firstLine,
                        0,
                        "has " + expected + " column; a task needs at least one feature and a label");
            }
            return new Table(file, header, rows, firstLine);
        }

        /** Splits one CSV line; quotes may enclose commas, and "" inside quotes is one quote. */
        private static List<String> split(Path file, int line, String text) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.toString().isBlank()) {
                    quoted = true;
                    field.setLength(0);
                } else if (c == ',') {
                    fields.add(field.toString().trim());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new TaskDataException(file, line, fields.size() + 1, "a quoted field is not closed");
            }
            fields.add(field.toString().trim());
            return fields;
        }

        String describe(int column) {
            return (column + 1) + (header.isEmpty() ? "" : " ('" + header.get(column) + "')");
        }

        int resolveLabel(@Nullable Object label) {
            int columns = columns();
            if (label == null) {
                return columns - 1;
            }
            if (label instanceof Long) {
                long number = (Long) label;
                if (number < 1 || number > columns) {
                    throw new TaskDataException(
                            file, "label column number (" + number + ") must be in [1, " + columns + "]", null);
                }
                return (int) number - 1;
            }
            String wanted = (String) label;
            int index = header.indexOf(wanted);
            if (index < 0) {
                throw new TaskDataException(
                        file,
                        header.isEmpty()
                                ? "label column '" + wanted + "' needs a header line (or give a column number)"
                                : "label column '" + wanted + "' is not in the header; columns: " + header,
                        null);
            }
            return index;
        }

        Dataset toDataset(int labelColumn, List<String> classes, TaskType type) {
            int columns = columns();
            int numFeatures = columns - 1;
            float[] features = new float[rows.size() * numFeatures];
            int[] labels = new int[rows.size()];
            float[] targets = new float[rows.size()];
            Map<String, Integer> classIndex = new LinkedHashMap<>();
            for (int i = 0; i < classes.size(); i++) {
                classIndex.put(classes.get(i), i);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int f = 0;
                for (int c = 0; c < columns; c++) {
                    String value = row.fields.get(c);
                    if (c == labelColumn) {
                        if (type == TaskType.CLASSIFICATION) {
                            Integer index = classIndex.get(value);
                            if (index == null) {
                                throw new TaskDataException(
                                        file,
                                        row.line,
                                        c + 1,
                                        "unknown label '" + value + "' in column " + describe(c) + "; known labels: "
                                                + classes);
                            }
                            labels[r] = index;
                        } else {
                            targets[r] = number(row, c, value);
                        }
                    } else {
                        features[r * numFeatures + f++] = number(row, c, value);
                    }
                }
            }
            return type == TaskType.CLASSIFICATION
                    ? Dataset.classification(features, numFeatures, labels, classes.size())
                    : Dataset.regression(features, numFeatures, targets, 1);
        }

        private float number(Row row, int column, String value) {
            if (value.isEmpty()) {
                throw new TaskDataException(file, row.line, column + 1, "column " + describe(column) + " is empty");
            }
            float parsed;
            try {
                parsed = Float.parseFloat(value);
            } catch (NumberFormatException e) {
                throw new TaskDataException(
                        file,
                        row.line,
                        column + 1,
                        "'" + value + "' in column " + describe(column) + " is not a number");
            }
            if (!Float.isFinite(parsed)) {
                throw new TaskDataException(
                        file,
                        row.line,
                        column + 1,
                        "'" + value + "' in column " + describe(column) + " is not a finite float");
            }
            return parsed;
        }
    }
}
