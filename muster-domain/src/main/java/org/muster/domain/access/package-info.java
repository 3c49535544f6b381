/**
 * Who sees what and who may act on what ({@link org.muster.domain.access.Viewer}): pure rules over the
 * domain's entities, for the faces to enforce.
 */
package org.muster.domain.access;
