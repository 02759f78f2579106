/** The sampler SPI and the samplers that need no model: random, quasi-random (scrambled Halton) and grid. */
@NullMarked
package dev.schedtune.search.sampler;

import org.jspecify.annotations.NullMarked;
