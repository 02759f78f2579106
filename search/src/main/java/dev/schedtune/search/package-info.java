/** Define-by-run hyperparameter search in the style of Optuna: studies, trials, ask/tell and optimize. */
@NullMarked
package dev.schedtune.search;

import org.jspecify.annotations.NullMarked;
