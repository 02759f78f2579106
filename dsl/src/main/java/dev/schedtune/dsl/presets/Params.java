package dev.schedtune.dsl.presets;

import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import java.util.List;

/** Short constructors for preset parameters (the anchor's keyword arguments). */
final class Params {
    private Params() {}

    /** The allowed range of {@link #baseLr}: what PyTorch's optimizers accept as an lr. */
    static final String BASE_LR_ALLOWED = ">= 0";

    /** The optimizer's initial learning rate, which the anchor reads from the optimizer. */
    static Param baseLr(String anchor) {
        return Param.required(
                "base_lr",
                ParamType.NUMBER,
                BASE_LR_ALLOWED,
                "the optimizer's initial lr, which " + anchor
                        + " reads from the optimizer (not one of its keyword arguments)");
    }

    static Param number(String name, String allowed, String description) {
        return Param.required(name, ParamType.NUMBER, allowed, description);
    }

    static Param number(String name, double defaultValue, String allowed, String description) {
        return Param.optional(name, ParamType.NUMBER, defaultValue, allowed, description);
    }

    /** An optional number whose default is "absent" (the anchor's {@code None}). */
    static Param optionalNumber(String name, String allowed, String description) {
        return Param.optional(name, ParamType.NUMBER, null, allowed, description);
    }

    static Param integer(String name, String allowed, String description) {
        return Param.required(name, ParamType.INTEGER, allowed, description);
    }

    static Param integer(String name, long defaultValue, String allowed, String description) {
        return Param.optional(name, ParamType.INTEGER, defaultValue, allowed, description);
    }

    /** An optional whole number whose default is "absent" (the anchor's {@code None}). */
    static Param optionalInteger(String name, String allowed, String description) {
        return Param.optional(name, ParamType.INTEGER, null, allowed, description);
    }

    static Param bool(String name, boolean defaultValue, String description) {
        return Param.optional(name, ParamType.BOOLEAN, defaultValue, "true or false", description);
    }

    static Param choice(String name, String defaultValue, List<String> choices, String description) {
        return Param.choice(name, defaultValue, choices, description);
    }

    static Param requiredChoice(String name, List<String> choices, String description) {
        return Param.choice(name, null, choices, description);
    }

    static Param integers(String name, String allowed, String description) {
        return Param.required(name, ParamType.INTEGER_LIST, allowed, description);
    }

    static Param numbers(String name, String allowed, String description) {
        return Param.required(name, ParamType.NUMBER_LIST, allowed, description);
    }

    static Param schedule(String name, String allowed, String description) {
        return Param.required(name, ParamType.SCHEDULE, allowed, description);
    }

    static Param optionalSchedule(String name, String allowed, String description) {
        return Param.optional(name, ParamType.SCHEDULE, null, allowed, description);
    }

    static Param string(String name, String defaultValue, String description) {
        return Param.optional(name, ParamType.STRING, defaultValue, "any text", description);
    }
}
