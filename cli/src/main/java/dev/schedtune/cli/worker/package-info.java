/**
 * {@code schedtune worker}: one of many processes, on one machine or many, that run the trials of a study
 * stored in a shared database until its budget is spent. What a worker runs is stored with the study, so
 * a worker needs only the storage URL and the study's name; {@link dev.schedtune.cli.worker.WorkerJobs}
 * lists the kinds of studies workers know.
 */
@NullMarked
package dev.schedtune.cli.worker;

import org.jspecify.annotations.NullMarked;
