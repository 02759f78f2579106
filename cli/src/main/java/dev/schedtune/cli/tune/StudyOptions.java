package dev.schedtune.cli.tune;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.study.StorageOption;
import dev.schedtune.cli.tune.config.StudyConfig;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code tune} and {@code pbt} that replace a study config's values (a picocli mixin). */
public final class StudyOptions {
    @Option(names = "--study", paramLabel = "NAME", description = "Study name (default: the config's).")
    @Nullable
    String study;

    /** --storage or --storage-file (default: $SCHEDTUNE_STORAGE, else the config's, else OUT/study.db). */
    @Mixin
    StorageOption storage = new StorageOption();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the config's).")
    @Nullable
    Path out;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Trials (tune) or members (pbt) trained at once, each in a worker process.")
    @Nullable
    Integer jobs;

    @Option(names = "--seed", paramLabel = "N", description = "The study's seed.")
    @Nullable
    Long seed;

    /** Sets the values given on the command line into {@code b}, checking them. */
    void apply(StudyConfig.Builder b) {
        if (study != null) {
            if (study.isBlank()) {
                throw new UserError("--study must not be empty");
            }
            b.name(study);
        }
        if (out != null) {
            b.output(out);
        }
        String given = storage.given();
        if (given != null) {
            b.storage(given);
        }
        if (jobs != null) {
            if (jobs < 1 || jobs > 256) {
                throw new UserError("--jobs (" + jobs + ") must be in [1, 256]");
            }
            b.jobs(jobs);
        }
        if (seed != null) {
            b.seed(seed);
        }
    }
}
