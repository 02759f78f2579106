/** Benchmark programs (run with search/bench/*.sh); compiled with the tests so they keep compiling. */
@NullMarked
package dev.schedtune.search.bench;

import org.jspecify.annotations.NullMarked;
