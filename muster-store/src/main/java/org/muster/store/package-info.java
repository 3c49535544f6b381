/**
 * The durable, hash-chained event log and its snapshots, over JDBC.
 *
 * <p>{@link org.muster.store.EventLogs#open} gives an {@link org.muster.store.EventStore}, the domain's
 * {@link org.muster.domain.log.EventLog} plus lookups by command, stored either in one SQLite file (the
 * embedded default: WAL, {@code synchronous=FULL}, one writer connection) or in PostgreSQL (pooled with
 * HikariCP). Both schemas come from Flyway migrations under {@code db/migration/<dialect>}.
 *
 * <p>Events are stored as JSON written by {@link org.muster.store.EventCodec}; each row carries the
 * SHA-256 of the previous row's hash and its own contents, so any change to a stored event is found by
 * {@link org.muster.domain.log.EventLog#verify()}. Implementation classes live in
 * {@code org.muster.store.internal} and are not part of the API.
 */
package org.muster.store;
