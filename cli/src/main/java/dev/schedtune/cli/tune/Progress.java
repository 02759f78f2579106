package dev.schedtune.cli.tune;

import dev.schedtune.cli.Durations;
import dev.schedtune.cli.report.ParetoTable;
import dev.schedtune.cli.report.Printable;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.Study;
import dev.schedtune.search.StudyCallback;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a tuning run shows while it runs. One line per finished trial; with a terminal ({@link Mode#BAR})
 * a status bar below them, redrawn twice a second: trials done of the budget, running, pruned, failed,
 * the Pareto front's size, its hypervolume (objectives normalised by the range of the first two complete
 * trials of this run, kept from then on so that it only rises; reference point 1.1; the summary at the end
 * normalises by all trials) and the time left. Without a terminal ({@link Mode#LINES}) the status follows
 * each trial's line, so logs stay readable.
 */
final class Progress implements StudyCallback, AutoCloseable {
    /** How progress is shown. */
    enum Mode {
        BAR,
        LINES,
        QUIET
    }

    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintWriter out;
    private final Mode mode;
    private final Study study;
    private final int target;
    private final @Nullable Duration timeout;
    private final Function<List<FrozenTrial>, StudyResults> analyse;
    private final int width;
    private final long startNanos = System.nanoTime();
    private final int doneAtStart;
    private int finishedThisRun;
    private @Nullable Thread ticker;
    private volatile boolean closed;
    private boolean barShown;
    /** The status line's hypervolume normalisation, fixed once two trials give it a range (see status). */
    private double @Nullable [][] hvBounds;

    Progress(
            PrintWriter out,
            Mode mode,
            Study study,
            int target,
            @Nullable Duration timeout,
            Function<List<FrozenTrial>, StudyResults> analyse,
            int width) {
        this.out = out;
        this.mode = mode;
        this.study = study;
        this.target = target;
        this.timeout = timeout;
        this.analyse = analyse;
        this.width = Math.max(40, width);
        this.doneAtStart = (int) analyse.apply(study.trials()).done();
    }

    /** The mode for an output: a bar on a terminal, lines otherwise. */
    static Mode auto() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb") ? Mode.BAR : Mode.LINES;
    }

    void start() {
        if (mode != Mode.BAR) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    while (!closed) {
                        redraw();
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "schedtune-progress");
        t.setDaemon(true);
        ticker = t;
        t.start();
    }

    @Override
    public void afterTrial(Study s, FrozenTrial trial) {
        if (mode == Mode.QUIET) {
            return;
        }
        StudyResults results = analyse.apply(study.trials());
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!StudyResults.isInterrupted(trial)) {
                finishedThisRun++;
            }
            // names and values come from the study (any writer): nothing in them may drive the terminal
            String line = Printable.oneLine(trialLine(results, trial));
            if (mode == Mode.BAR) {
                out.print(CLEAR_LINE);
                out.println(line);
                drawBar(results);
            } else {
                out.println(line + "  [" + status(results) + "]");
            }
            out.flush();
        }
    }

    private void redraw() {
        StudyResults results = analyse.apply(study.trials());
        synchronized (this) {
            if (!closed) {
                drawBar(results);
                out.flush();
            }
        }
    }

    private void drawBar(StudyResults results) {
        long done = results.done();
        int cells = 24;
        int filled = (int) Math.min(cells, Math.round(cells * (double) done / Math.max(1, target)));
        String bar = "[" + "=".repeat(filled) + (filled < cells ? ">" + " ".repeat(cells - filled - 1) : "") + "] ";
        String line = bar + status(results);
        if (line.length() > width - 1) {
            line = line.substring(0, width - 1);
        }
        out.print(CLEAR_LINE + line);
        barShown = true;
    }

    /** "13/60 done | running 2 | pruned 3 | failed 0 | front 5 | HV 0.612 | ETA 1m20s". */
    synchronized String status(StudyResults r) {
        StringBuilder b = new StringBuilder();
        b.append(r.done()).append('/').append(target).append(" done");
        b.append(" | running ").append(r.count(TrialState.RUNNING));
        b.append(" | pruned ").append(r.count(TrialState.PRUNED));
        b.append(" | failed ").append(r.failed());
        b.append(" | ")
                .append(r.isMultiObjective() ? "front " : "best ")
                .append(r.front().size());
        if (r.isMultiObjective()) {
            // normalised by the range of the first two counted trials, fixed from then on: renormalised as trials
            // arrive it would jump (1.210 -> 0.491); with fixed bounds adding a trial never lowers it
            if (hvBounds == null && r.counted().size() >= 2) {
                hvBounds = r.bounds();
            }
            double[][] fixed = hvBounds;
            double hv = fixed == null ? Double.NaN : r.hypervolume(r.counted(), fixed[0], fixed[1]);
            b.append(" | HV ").append(Double.isNaN(hv) ? "-" : String.format(Locale.ROOT, "%.3f", hv));
        }
        b.append(" | ETA ").append(eta(r));
        return b.toString();
    }

    private String eta(StudyResults r) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long doneNow = r.done() - doneAtStart;
        long left = Math.max(0, target - r.done());
        if (left == 0) {
            return "0s";
        }
        Double seconds = doneNow <= 0 ? null : elapsed / doneNow * left;
        if (timeout != null) {
            double rest = Math.max(0, timeout.toMillis() / 1000.0 - elapsed);
            seconds = seconds == null ? rest : Math.min(seconds, rest);
        }
        if (seconds == null) {
            return "-";
        }
        // an estimate: whole seconds are all it can promise
        return seconds < 1 ? "<1s" : Durations.format(Duration.ofMillis((long) (seconds * 1000)));
    }

    private String trialLine(StudyResults results, FrozenTrial t) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "#%-4d", t.number()));
        String state = switch (t.state()) {
            case COMPLETE -> "complete";
            case PRUNED -> "pruned  ";
            case FAIL -> StudyResults.isInterrupted(t) ? "stopped " : "failed  ";
            default -> t.state().name().toLowerCase(Locale.ROOT);
        };
        b.append(' ').append(state);
        String family = results.family(t);
        if (!family.isEmpty()) {
            b.append("  ").append(family);
        }
        TrialRecord record = TrialRecord.from(t);
        OptionalInt epochs = record.epochs();
        OptionalInt planned = record.plannedEpochs();
        if (epochs.isPresent()) {
            b.append("  epochs ").append(epochs.getAsInt());
            if (planned.isPresent() && planned.getAsInt() != epochs.getAsInt()) {
                b.append('/').append(planned.getAsInt());
            }
        }
        if (t.state() == TrialState.FAIL) {
            b.append("  ").append(StudyResults.failReason(t));
            return b.toString();
        }
        if (t.values() != null) {
            List<String> names = results.objectiveNames();
            for (int i = 0; i < names.size(); i++) {
                b.append("  ")
                        .append(names.get(i).replace("validation_", "val "))
                        .append(' ');
                b.append(ParetoTable.objectiveCell(names.get(i), t.values().get(i)));
            }
        }
        double acc = StudyResults.accuracy(t);
        if (!Double.isNaN(acc) && !results.objectiveNames().contains("accuracy")) {
            b.append(String.format(Locale.ROOT, "  acc %.2f %%", 100 * acc));
        }
        if (results.front().contains(t)) {
            b.append("  * on the front");
        } else if (t.state() == TrialState.COMPLETE && !t.isFeasible()) {
            b.append("  (learned nothing: loss not below chance)");
        }
        return b.toString();
    }

    /** Time since the progress started. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public synchronized void close() {
        closed = true;
        Thread t = ticker;
        if (t != null) {
            t.interrupt();
        }
        if (barShown) {
            out.print(CLEAR_LINE);
            out.flush();
        }
    }
}
