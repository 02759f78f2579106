package dev.schedtune.export;

import dev.schedtune.dsl.ScheduleSet;

/** One schedule set drawn on a plot, with the name its legend shows. */
record Series(String label, ScheduleSet set) {}
