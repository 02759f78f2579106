/** Where studies live: the storage SPI, in-memory storage and factories for database storages. */
@NullMarked
package dev.schedtune.search.storage;

import org.jspecify.annotations.NullMarked;
