/** Model descriptions (a configurable MLP, a small CNN for digits) and the DJL blocks they build. */
@NullMarked
package dev.schedtune.trainers.model;

import org.jspecify.annotations.NullMarked;
