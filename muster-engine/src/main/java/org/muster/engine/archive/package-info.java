/**
 * Memory follows the open work: {@link org.muster.engine.archive.IncidentArchiver} takes each finished
 * incident out of the live state with an {@code ArchiveIncident} command, so the log says when it left and
 * replay removes it at the same point; the writer keeps its record in the log's read model of closed
 * incidents ({@link org.muster.domain.incident.ClosedIncidents}) with that event, in one transaction where
 * the store has both. {@link org.muster.engine.archive.MemoryClosedIncidents} is the read model for the
 * in-memory log (the simulator, tests): {@code new MemoryEventLog(new MemoryClosedIncidents())}.
 */
package org.muster.engine.archive;
