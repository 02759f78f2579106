/** Leslie Smith's learning-rate range test: loss against an exponentially increasing learning rate, and a suggested maximum. */
@NullMarked
package dev.schedtune.trainers.lrfind;

import org.jspecify.annotations.NullMarked;
