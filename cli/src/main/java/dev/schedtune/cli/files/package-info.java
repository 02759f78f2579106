/**
 * Files the CLI writes for the user (result files, reports, exports, plots), replaced atomically: a reader
 * or a process killed mid-write finds the old file or the new one, never half of one.
 */
@NullMarked
package dev.schedtune.cli.files;

import org.jspecify.annotations.NullMarked;
