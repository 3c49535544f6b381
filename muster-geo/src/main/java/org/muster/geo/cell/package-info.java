/**
 * Spatial cells: the {@link org.muster.geo.cell.CellIndex} that coverage and early warning count in.
 *
 * <p>The grid library (H3) is geo's business and lives in {@code internal}; the other modules see only
 * the interface and plain {@code long} cells.
 */
package org.muster.geo.cell;
