/**
 * Benchmark problems with known optima (ZDT, DTLZ, sphere), for trying samplers, workers and deployments
 * without training anything: the sampler benchmark and the CLI's benchmark worker job solve the same ones.
 */
@NullMarked
package dev.schedtune.search.problem;

import org.jspecify.annotations.NullMarked;
