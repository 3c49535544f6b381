package org.muster.server;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The component values of a command or event, in declaration order: how the API finds what a command acts
 * on and whom an event concerns without a case for every one of the domain's record types.
 */
public final class RecordValues {
    private RecordValues() {}

    /** The values of {@code value}'s components; none when it is not a record. */
    public static List<Object> of(Object value) {
        if (!value.getClass().isRecord()) return List.of();
        RecordComponent[] components = value.getClass().getRecordComponents();
        List<Object> out = new ArrayList<>(components.length);
        for (RecordComponent c : components) {
            try {
                out.add(c.getAccessor().invoke(value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(
                        "cannot read " + c + " of " + value.getClass().getName(), e);
            }
        }
        return out;
    }
}
