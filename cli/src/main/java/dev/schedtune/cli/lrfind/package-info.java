/**
 * {@code schedtune lr-find}: Leslie Smith's learning-rate range test on a study config's task, model and
 * optimizer, with its loss-against-lr plot and the suggested maximum learning rate.
 */
@NullMarked
package dev.schedtune.cli.lrfind;

import org.jspecify.annotations.NullMarked;
