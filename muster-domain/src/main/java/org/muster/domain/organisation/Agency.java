package org.muster.domain.organisation;

/** The kind of emergency service an organisation is. */
public enum Agency {
    POLICE,
    AMBULANCE,
    FIRE
}
