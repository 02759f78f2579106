/** Learning-rate schedules as pure, immutable functions of the optimizer step. */
@NullMarked
package dev.schedtune.dsl;

import org.jspecify.annotations.NullMarked;
