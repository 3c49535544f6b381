/**
 * Mutual aid as the engine reads it: {@link org.muster.engine.aid.AidSuggester} ranks the organisations
 * that could answer a request (what they can spare above their safe minimums, how soon, at what cost in
 * coverage), and {@link org.muster.engine.aid.AidHours} reports the hours units were lent, for cost
 * recovery. The decisions themselves are in {@code org.muster.engine.rules}.
 */
package org.muster.engine.aid;
