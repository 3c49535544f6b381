/**
 * Memory follows the open work: {@link org.muster.engine.archive.IncidentArchiver} saves each finished
 * incident to the read model of closed incidents ({@link org.muster.domain.incident.ClosedIncidents}) and
 * then takes it out of the live state with an {@code ArchiveIncident} command, so the log says when it left
 * and replay removes it at the same point. {@link org.muster.engine.archive.MemoryClosedIncidents} is the
 * read model for the in-memory log (the simulator, tests).
 */
package org.muster.engine.archive;
