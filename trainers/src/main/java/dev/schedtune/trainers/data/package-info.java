/** Tasks without network: the vendored UCI digits, seeded synthetic tasks, user CSV files, deterministic splits. */
@NullMarked
package dev.schedtune.trainers.data;

import org.jspecify.annotations.NullMarked;
