/**
 * What a schedule is made of, as data: its kind and arguments ({@link ScheduleSpec}), and the catalogue
 * of kinds that can rebuild a schedule from such data ({@link KindRegistry}). Configs, exports, the
 * command line and presets all go through this package, so a schedule written anywhere can be read back.
 */
@NullMarked
package dev.schedtune.dsl.spec;

import org.jspecify.annotations.NullMarked;
