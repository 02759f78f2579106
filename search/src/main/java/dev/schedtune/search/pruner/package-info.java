/** Pruners: decide from intermediate values whether a running trial should stop early. */
@NullMarked
package dev.schedtune.search.pruner;

import org.jspecify.annotations.NullMarked;
