/**
 * The simulator's {@code report.html}: one self-contained page (inline CSS and SVG, nothing fetched) drawn
 * from a run's results ({@link org.muster.sim.report.ReportHtml}), its zone maps ({@code ZoneMaps}) and the
 * collapse curve of a sweep ({@code CollapseCurveHtml}). See {@code docs/simulator.md}.
 */
package org.muster.sim.report;
