package dev.schedtune.dsl.spec;

/**
 * A schedule (or schedule set, or template) that can describe itself as data. Every built-in schedule
 * implements it; a user's lambda does not, and such schedules cannot be written to a config.
 *
 * <p>Contract: {@code KindRegistry.builtIn().build(x.spec())} returns a value equal to {@code x} that
 * evaluates identically at every step.
 */
public interface Specified {
    /** This value as a kind and arguments. */
    ScheduleSpec spec();
}
