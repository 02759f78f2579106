/**
 * Schedules out of the JVM: sampled curves as CSV and JSON ({@link dev.schedtune.dsl.export.CurveExport}),
 * plots as SVG, PNG and terminal text ({@link dev.schedtune.dsl.export.Plot}), and self-contained Python
 * for PyTorch's {@code LambdaLR} ({@link dev.schedtune.dsl.export.PytorchExport}).
 */
@NullMarked
package dev.schedtune.dsl.export;

import org.jspecify.annotations.NullMarked;
