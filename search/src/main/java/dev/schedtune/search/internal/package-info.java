/** Helpers shared by the search packages; not part of the supported API. */
@NullMarked
package dev.schedtune.search.internal;

import org.jspecify.annotations.NullMarked;
