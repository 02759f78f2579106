/**
 * The {@code schedtune} command: the entry point, the one error-handling path every subcommand shares
 * (bad input exits 2 with a message naming the parameter, value and what is allowed; {@code --verbose}
 * shows causes), and the registry of subcommands. Subcommands live in sub-packages by job ({@code
 * schedule}: curves, plots, exports, validation, presets).
 */
@NullMarked
package dev.schedtune.cli;

import org.jspecify.annotations.NullMarked;
