/** Analysis of finished studies: Pareto fronts, parameter importance, trials tables. */
@NullMarked
package dev.schedtune.search.analysis;

import org.jspecify.annotations.NullMarked;
