/**
 * Tunable templates: a schedule written as data ({@link dev.schedtune.dsl.spec.ScheduleSpec}) in which
 * any number may be a range ({@link Tune#uniform}, {@link Tune#logUniform}, {@link Tune#integer}, with
 * steps) and any argument, or a whole sub-schedule, a categorical {@link Tune#choice}. A {@link Template}
 * lists its search space ({@link Tunable}s, with the conditions under which nested ones are active) and
 * binds a value map, or the answers of a {@link Suggester}, to a concrete schedule. It knows nothing of
 * the search engine: a study adapts its trial to {@link Suggester}.
 */
@NullMarked
package dev.schedtune.dsl.template;

import org.jspecify.annotations.NullMarked;
