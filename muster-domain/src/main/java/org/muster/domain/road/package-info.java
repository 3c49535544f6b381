/** Roads closed and areas to avoid, as supervisors draw them: what the road searches must not use. */
package org.muster.domain.road;
