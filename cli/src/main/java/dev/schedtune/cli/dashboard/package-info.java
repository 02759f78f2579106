/**
 * {@code schedtune dashboard}: a small read-only HTTP server (the JDK's {@code com.sun.net.httpserver}) that
 * lists the studies of a storage and shows each one as the study report does, following it live. One
 * watcher thread reads the storage; requests are answered from what it last read, so browsers cost the
 * storage nothing and the report's data is computed once per change of a study, not per request.
 */
@NullMarked
package dev.schedtune.cli.dashboard;

import org.jspecify.annotations.NullMarked;
