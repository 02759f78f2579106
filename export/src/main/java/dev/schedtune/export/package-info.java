/**
 * Schedules out of the JVM: sampled curves as CSV and JSON ({@link dev.schedtune.export.CurveExport}),
 * plots as SVG, PNG and terminal text ({@link dev.schedtune.export.Plot}), and self-contained Python
 * for PyTorch's {@code LambdaLR} ({@link dev.schedtune.export.PytorchExport}).
 */
@NullMarked
package dev.schedtune.export;

import org.jspecify.annotations.NullMarked;
