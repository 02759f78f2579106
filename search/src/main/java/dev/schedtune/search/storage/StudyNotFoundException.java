package dev.schedtune.search.storage;

import java.util.List;

/** No study of that name exists in the storage. */
public final class StudyNotFoundException extends IllegalArgumentException {
    public StudyNotFoundException(String name, List<String> existing) {
        super("no study named '" + name + "'"
                + (existing.isEmpty() ? "; the storage holds no studies" : "; existing studies: " + summary(existing)));
    }

    private static String summary(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + ", ...";
    }
}
