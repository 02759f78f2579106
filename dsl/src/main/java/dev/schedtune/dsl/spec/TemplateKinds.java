package dev.schedtune.dsl.spec;

import dev.schedtune.dsl.template.Template;
import java.util.List;

/** The template kind: a schedule family whose spec holds {@code tune_*} placeholders. */
final class TemplateKinds {
    private TemplateKinds() {}

    static List<Kind> kinds() {
        return List.of(Kind.template(
                Template.KIND,
                "a schedule family: a schedule whose values may be tune_float, tune_int or tune_choice ranges",
                List.of(Param.required(
                        "schedule",
                        ParamType.SPEC,
                        "a schedule document; tune_* placeholders allowed anywhere",
                        "the schedule with its tunable values")),
                a -> Template.of((ScheduleSpec) a.get("schedule"))));
    }
}
