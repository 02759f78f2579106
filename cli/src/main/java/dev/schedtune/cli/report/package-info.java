/**
 * What a study's trials mean to a person: the analysis shared by {@code tune}, {@code show} and {@code
 * report} ({@link dev.schedtune.cli.report.StudyResults}: counts, Pareto front, hypervolume, families),
 * the Pareto table, the result files ({@code pareto.json}, one schedule config per Pareto trial) and the
 * self-contained HTML report.
 */
@NullMarked
package dev.schedtune.cli.report;

import org.jspecify.annotations.NullMarked;
