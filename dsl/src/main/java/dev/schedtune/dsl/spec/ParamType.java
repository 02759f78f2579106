package dev.schedtune.dsl.spec;

/** The type of one argument of a {@link Kind}, as configs spell values. */
public enum ParamType {
    /** A finite floating-point number ({@code Double}). */
    NUMBER,
    /** A whole number ({@code Long}); configs may not write 1.5 where an integer is expected. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Free text. */
    STRING,
    /** One of the strings in {@link Param#choices()}. */
    CHOICE,
    /** A list of numbers. */
    NUMBER_LIST,
    /** A list of whole numbers. */
    INTEGER_LIST,
    /** A map from string keys (often step numbers written as strings) to numbers. */
    NUMBER_MAP,
    /** A nested schedule. */
    SCHEDULE,
    /** A list of nested schedules. */
    SCHEDULE_LIST,
    /** A map from names to nested schedules (a schedule set). */
    SCHEDULE_MAP,
    /** A nested kwargs document (for example optax's {@code cosine_kwargs}). */
    DOCUMENT,
    /** A list of nested kwargs documents. */
    DOCUMENT_LIST,
    /**
     * A nested schedule spec passed to the factory as data, not built (a {@link ScheduleSpec}); used by
     * {@code template}, whose schedule holds {@code tune_*} placeholders where values are to be tuned.
     */
    SPEC
}
