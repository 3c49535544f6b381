/** H3 behind {@link org.muster.geo.cell.CellIndex}. Not for use outside {@code org.muster.geo.cell}. */
package org.muster.geo.cell.internal;
