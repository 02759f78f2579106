package dev.schedtune.search.sampler;

import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyView;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A sampler's per-study state (its "engine"), kept by study name, for samplers that read a study's
 * trials incrementally (TPE, NSGA-II, SMS-EMOA). An engine serves a study while the study keeps its
 * directions and seed; a study created again under the same name with other ones gets a new engine. An
 * engine that finds the study shorter than what it has already read (the study was deleted and created
 * again with the same directions and seed) throws {@link Stale}: {@link #apply} drops it and runs the call
 * once more on a new engine. Thread-safe; a hit is one map read, since samplers look up their engine on
 * every suggestion.
 *
 * @param <E> the engine type
 */
public final class EngineCache<E> {
    private final Function<StudyView, E> factory;
    private final ConcurrentHashMap<String, Entry<E>> entries = new ConcurrentHashMap<>();

    private EngineCache(Function<StudyView, E> factory) {
        this.factory = factory;
    }

    /** A cache making a study's engine with {@code factory} the first time the study is seen. */
    public static <E> EngineCache<E> of(Function<StudyView, E> factory) {
        return new EngineCache<>(factory);
    }

    /** The engine of {@code study}, made if the study has none or a stale one. */
    public E get(StudyView study) {
        Entry<E> hit = entries.get(study.name());
        if (hit != null && hit.isFor(study)) {
            return hit.engine;
        }
        return entries.compute(study.name(), (name, e) -> e != null && e.isFor(study) ? e : Entry.of(study, factory))
                .engine;
    }

    /** {@code call} on the study's engine; on {@link Stale}, once more on a new engine. */
    public <T> T apply(StudyView study, Function<? super E, T> call) {
        E engine = get(study);
        try {
            return call.apply(engine);
        } catch (Stale stale) {
            entries.computeIfPresent(study.name(), (name, e) -> e.engine == engine ? null : e);
            return call.apply(get(study));
        }
    }

    /** The engine the study named {@code studyName} has now, if any, without making one. */
    public @Nullable E peek(String studyName) {
        Entry<E> e = entries.get(studyName);
        return e == null ? null : e.engine;
    }

    private record Entry<E>(List<StudyDirection> directions, long seed, E engine) {
        static <E> Entry<E> of(StudyView study, Function<StudyView, E> factory) {
            return new Entry<>(List.copyOf(study.directions()), study.seed(), factory.apply(study));
        }

        boolean isFor(StudyView study) {
            return study.seed() == seed && study.directions().equals(directions);
        }
    }

    /**
     * Thrown by an engine that finds its study shorter than what it has already read; {@link #apply}
     * catches it, so it never reaches users.
     */
    public static final class Stale extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Stale() {
            super("sampler state is older than the study", null, false, false);
        }
    }
}
