package org.muster.domain.incident;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.organisation.Agency;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitType;

/**
 * The incident-type catalogue, read from a comma-separated file with the header
 * {@code code,name,agency,priority,requires,hazards}. {@code requires} is a {@code ;}-separated list of
 * {@code TYPE|TYPE+CAPABILITY*N} ({@code ANY+ARMED*2}: two units of any type that are armed);
 * {@code hazards} a {@code ;}-separated list. Lines starting with {@code #} are comments.
 */
public final class IncidentTypeCatalogue {
    static final String HEADER = "code,name,agency,priority,requires,hazards";
    private static final String DEFAULTS = "incident-types.csv";

    private final Map<IncidentTypeCode, IncidentType> types;

    private IncidentTypeCatalogue(Map<IncidentTypeCode, IncidentType> types) {
        this.types = types;
    }

    public static IncidentTypeCatalogue of(Collection<IncidentType> types) {
        Map<IncidentTypeCode, IncidentType> byCode = new LinkedHashMap<>();
        for (IncidentType t : types) {
            if (byCode.putIfAbsent(t.code(), t) != null)
                throw InvalidInputException.of("code", t.code(), "must be unique in the catalogue");
        }
        return new IncidentTypeCatalogue(byCode);
    }

    /** The default UK catalogue shipped with Muster. */
    public static IncidentTypeCatalogue defaults() {
        try (InputStream in = IncidentTypeCatalogue.class.getResourceAsStream(DEFAULTS)) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalogue, reporting every bad line at once; field names carry the line number. */
    public static IncidentTypeCatalogue parse(Reader reader) {
        Check check = Check.collecting();
        List<IncidentType> types = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw InvalidInputException.of("line 1", header, "must be the header '" + HEADER + "'");
            }
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) continue;
                int n = lineNo;
                String text = line;
                check.attempt(() -> types.add(parseLine(n, text)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (types.isEmpty() && check.ok()) check.add("catalogue", "", "must hold at least one incident type");
        check.throwIfAny();
        return of(types);
    }

    private static IncidentType parseLine(int lineNo, String line) {
        String at = "line " + lineNo + ".";
        String[] f = line.split(",", -1);
        if (f.length != 6) throw InvalidInputException.of(at + "columns", f.length, "must be 6: " + HEADER);
        Check check = Check.collecting();
        var code = attempt(check, () -> IncidentTypeCode.of(f[0].strip()), at + "code", f[0]);
        var agency = parseEnum(check, at + "agency", f[2], Agency.class);
        var priority = parseEnum(check, at + "priority", f[3], Priority.class);
        List<ResourceRequirement> requires = new ArrayList<>();
        for (String item : f[4].split(";")) {
            if (!item.isBlank())
                attempt(check, () -> parseRequirement(at + "requires", item.strip()), at + "requires", item)
                        .ifPresent(requires::add);
        }
        Set<Hazard> hazards = new TreeSet<>();
        for (String h : f[5].split(";")) {
            if (!h.isBlank()) parseEnum(check, at + "hazards", h, Hazard.class).ifPresent(hazards::add);
        }
        check.throwIfAny();
        try {
            return new IncidentType(
                    code.orElseThrow(),
                    f[1].strip(),
                    agency.orElseThrow(),
                    priority.orElseThrow(),
                    requires,
                    new TreeSet<>(hazards));
        } catch (InvalidInputException e) {
            var v = e.violations().get(0);
            throw InvalidInputException.of(at + v.field(), v.value(), v.rule());
        }
    }

    /** Parses one requirement in the catalogue's form, {@code TYPE|TYPE+CAPABILITY*N}. */
    public static ResourceRequirement parseRequirement(String field, String text) {
        String[] itemAndCount = text.split("\\*", -1);
        int count;
        try {
            count = itemAndCount.length == 1 ? 1 : Integer.parseInt(itemAndCount[1].strip());
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (itemAndCount.length > 2 || count < 1)
            throw InvalidInputException.of(field, text, "must be TYPE|TYPE+CAPABILITY*N with N >= 1");
        String[] parts = itemAndCount[0].strip().split("\\+");
        Check check = Check.collecting();
        Set<UnitType> types = new TreeSet<>();
        if (!parts[0].strip().equals("ANY")) {
            for (String t : parts[0].split("\\|"))
                parseEnum(check, field, t, UnitType.class).ifPresent(types::add);
        }
        Set<Capability> caps = new TreeSet<>();
        for (int i = 1; i < parts.length; i++)
            parseEnum(check, field, parts[i], Capability.class).ifPresent(caps::add);
        check.throwIfAny();
        return new ResourceRequirement(new TreeSet<>(types), new TreeSet<>(caps), count);
    }

    private static <T> Optional<T> attempt(
            Check check, java.util.function.Supplier<T> parse, String field, String value) {
        try {
            return Optional.of(parse.get());
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> check.add(field, value.strip(), v.rule()));
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Check check, String field, String name, Class<E> type) {
        try {
            return Optional.of(Enum.valueOf(type, name.strip()));
        } catch (IllegalArgumentException e) {
            check.add(field, name.strip(), "must be one of " + EnumSet.allOf(type));
            return Optional.empty();
        }
    }

    public Optional<IncidentType> findType(IncidentTypeCode code) {
        return Optional.ofNullable(types.get(code));
    }

    public IncidentType getType(IncidentTypeCode code) {
        return findType(code).orElseThrow(() -> new NotFoundException("incident type", code.value()));
    }

    /**
     * The unit types of {@code agency} whose arrival could stop the clock of one of this catalogue's calls
     * of {@code category} ({@link ResourceRequirement#clockStopping}), in their natural order; empty when the
     * catalogue has no such call.
     */
    public SortedSet<UnitType> clockStoppingTypes(Agency agency, Priority category) {
        SortedSet<UnitType> out = new TreeSet<>();
        for (IncidentType t : types.values()) {
            if (t.agency() != agency || t.defaultPriority() != category) continue;
            for (ResourceRequirement r : ResourceRequirement.clockStopping(category, t.requirements())) {
                for (UnitType u : UnitType.values()) {
                    if (u.agency() == agency && r.couldBeMetBy(u)) out.add(u);
                }
            }
        }
        return out;
    }

    public List<IncidentType> listTypes() {
        return List.copyOf(types.values());
    }
}
