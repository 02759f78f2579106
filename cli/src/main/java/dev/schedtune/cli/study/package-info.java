/**
 * Commands on stored studies, on any storage named by URL: {@code studies} (list), {@code show} (one
 * study's counts and best trials), {@code report} (the HTML report and result files).
 */
@NullMarked
package dev.schedtune.cli.study;

import org.jspecify.annotations.NullMarked;
