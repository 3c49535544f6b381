package org.muster.domain.incident;

public enum Hazard {
    WEAPONS,
    FIREARMS,
    HOSTILE_CROWD,
    SCENE_UNSAFE,
    FIRE,
    HAZARDOUS_MATERIALS,
    TRAFFIC
}
