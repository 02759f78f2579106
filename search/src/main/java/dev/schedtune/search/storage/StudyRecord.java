package dev.schedtune.search.storage;

import com.google.common.collect.ImmutableList;
import dev.schedtune.search.trial.StudyDirection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A study as a storage knows it: its key, name and directions. */
public final class StudyRecord {
    private final long studyId;
    private final String name;
    private final ImmutableList<StudyDirection> directions;

    public StudyRecord(long studyId, String name, List<StudyDirection> directions) {
        this.studyId = studyId;
        this.name = name;
        this.directions = ImmutableList.copyOf(directions);
    }

    public long studyId() {
        return studyId;
    }

    public String name() {
        return name;
    }

    public ImmutableList<StudyDirection> directions() {
        return directions;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StudyRecord
                && ((StudyRecord) o).studyId == studyId
                && ((StudyRecord) o).name.equals(name)
                && ((StudyRecord) o).directions.equals(directions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(studyId, name, directions);
    }

    @Override
    public String toString() {
        return "study '" + name + "' (id " + studyId + ", " + directions + ")";
    }
}
