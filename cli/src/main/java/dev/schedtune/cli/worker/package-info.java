/**
 * {@code schedtune worker}: one of many processes, on one machine or many, that run the trials of a study
 * stored in a shared database until its budget is spent. What a worker runs is stored with the study, so
 * a worker needs only the storage URL and the study's name. A {@link WorkerJob} recognises a kind of
 * study; {@code SchedtuneCli} lists the ones workers know, so this package depends on no command.
 */
@NullMarked
package dev.schedtune.cli.worker;

import org.jspecify.annotations.NullMarked;
