/** Search-space distributions and their internal (double) representation, Optuna-compatible. */
@NullMarked
package dev.schedtune.search.distribution;

import org.jspecify.annotations.NullMarked;
