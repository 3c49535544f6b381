package org.muster.domain;

/** A referenced thing (unit, incident, zone, ...) does not exist. */
public final class NotFoundException extends MusterException {
    private final String kind;
    private final String id;

    public NotFoundException(String kind, String id) {
        super("no " + kind + " with id '" + id + "'");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
