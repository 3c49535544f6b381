package org.muster.geo.region;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.muster.geo.zone.GeoJsonZoneWriter;
import org.muster.geo.zone.ZoneFileFormat;

/**
 * Reads and writes the region's CSV files. A file is read whole or refused whole: every bad field of
 * every line is reported, named as {@code units.csv[12].type} with 12 the line number (the header is
 * line 1).
 *
 * <pre>
 * stations.csv  station_id,organisation,name,kind,lat,lon
 * units.csv     unit_id,callsign,organisation,type,home_station,seats,lat,lon
 * people.csv    person_id,name,organisation,role,skills,unit_id
 * </pre>
 *
 * <p>A region given as files instead of generated ({@link FileRegion}) also names its organisations, which a
 * generated region keeps in its manifest, and may name its settlements for the demo's demand model:
 *
 * <pre>
 * organisations.csv  organisation_id,name,agency
 * settlements.csv    name,kind,lat,lon,radius_m
 * </pre>
 *
 * <p>{@code kind} is a {@link StationKind}, {@code type} a {@link UnitType}, {@code role} a {@link
 * PersonRole}; {@code skills} is a {@code ;}-separated list of {@link Skill}s (may be empty); {@code
 * unit_id} is empty for a spare person. Coordinates are WGS84 decimal degrees.
 */
public final class RegionFiles {
    public static final List<String> STATION_COLUMNS =
            List.of("station_id", "organisation", "name", "kind", "lat", "lon");
    public static final List<String> UNIT_COLUMNS =
            List.of("unit_id", "callsign", "organisation", "type", "home_station", "seats", "lat", "lon");
    public static final List<String> PERSON_COLUMNS =
            List.of("person_id", "name", "organisation", "role", "skills", "unit_id");

    public static final List<String> ORGANISATION_COLUMNS = List.of("organisation_id", "name", "agency");
    public static final List<String> SETTLEMENT_COLUMNS = List.of("name", "kind", "lat", "lon", "radius_m");

    /** The settlements' columns with how many people live in each (a census figure), for a region of files. */
    public static final List<String> SETTLEMENT_COLUMNS_WITH_PEOPLE =
            List.of("name", "kind", "lat", "lon", "radius_m", "people");

    /** The most people one settlement may have: more than any city has. */
    static final int MOST_PEOPLE = 50_000_000;

    /** How to read the region's zones file with {@link org.muster.geo.zone.GeoJsonZoneReader}. */
    public static final ZoneFileFormat ZONE_FORMAT = GeoJsonZoneWriter.FORMAT;

    private RegionFiles() {}

    public static List<Station> readStations(Path file) {
        return values(readStationLines(file));
    }

    static List<Lined<Station>> readStationLines(Path file) {
        return readLines(
                file,
                STATION_COLUMNS,
                row -> new Station(
                        row.code("station_id", StationId::of),
                        row.code("organisation", OrganisationId::of),
                        row.text("name"),
                        row.enumValue("kind", StationKind.class),
                        row.point("lat", "lon")));
    }

    public static List<UnitRecord> readUnits(Path file) {
        return values(readUnitLines(file));
    }

    static List<Lined<UnitRecord>> readUnitLines(Path file) {
        return readLines(
                file,
                UNIT_COLUMNS,
                row -> new UnitRecord(
                        row.code("unit_id", UnitId::of),
                        row.code("callsign", Callsign::of),
                        row.code("organisation", OrganisationId::of),
                        row.enumValue("type", UnitType.class),
                        row.code("home_station", StationId::of),
                        row.integer("seats", 1, 64),
                        row.point("lat", "lon")));
    }

    public static List<PersonRecord> readPeople(Path file) {
        return values(readPeopleLines(file));
    }

    static List<Lined<PersonRecord>> readPeopleLines(Path file) {
        return readLines(
                file,
                PERSON_COLUMNS,
                row -> new PersonRecord(
                        row.code("person_id", PersonId::of),
                        row.text("name"),
                        row.code("organisation", OrganisationId::of),
                        row.enumValue("role", PersonRole.class),
                        row.skills("skills"),
                        row.optionalCode("unit_id", UnitId::of)));
    }

    /** {@code agency} is an {@link org.muster.domain.organisation.Agency}. */
    public static List<RegionManifest.OrganisationEntry> readOrganisations(Path file) {
        return values(readOrganisationLines(file));
    }

    static List<Lined<RegionManifest.OrganisationEntry>> readOrganisationLines(Path file) {
        return readLines(
                file,
                ORGANISATION_COLUMNS,
                row -> new RegionManifest.OrganisationEntry(
                        row.code("organisation_id", OrganisationId::of).value(),
                        row.text("name"),
                        row.enumValue("agency", Agency.class)));
    }

    /**
     * {@code kind} is a {@link SettlementKind} (which sets how many people the demand model places there, unless
     * the file gives {@code people}), {@code radius_m} how far from its centre, in whole metres, its calls fall,
     * and the optional last column {@code people} how many live there.
     */
    public static List<RegionManifest.SettlementEntry> readSettlements(Path file) {
        return values(readLinesOfAny(file, List.of(SETTLEMENT_COLUMNS, SETTLEMENT_COLUMNS_WITH_PEOPLE), row -> {
            GeoPoint centre = row.point("lat", "lon");
            return new RegionManifest.SettlementEntry(
                    row.text("name"),
                    row.enumValue("kind", SettlementKind.class),
                    centre.lat(),
                    centre.lon(),
                    row.integer("radius_m", 1, 100_000),
                    row.has("people") ? row.integer("people", 1, MOST_PEOPLE) : null);
        }));
    }

    static void writeStations(Path file, List<Station> stations) {
        write(
                file,
                STATION_COLUMNS,
                stations,
                s -> List.of(
                        s.id().value(),
                        s.organisation().value(),
                        s.name(),
                        s.kind().name(),
                        Decimal7.format(s.location().lat()),
                        Decimal7.format(s.location().lon())));
    }

    static void writeUnits(Path file, List<UnitRecord> units) {
        write(
                file,
                UNIT_COLUMNS,
                units,
                u -> List.of(
                        u.id().value(),
                        u.callsign().value(),
                        u.organisation().value(),
                        u.type().name(),
                        u.homeStation().value(),
                        String.valueOf(u.seats()),
                        Decimal7.format(u.position().lat()),
                        Decimal7.format(u.position().lon())));
    }

    static void writePeople(Path file, List<PersonRecord> people) {
        write(
                file,
                PERSON_COLUMNS,
                people,
                p -> List.of(
                        p.id().value(),
                        p.name(),
                        p.organisation().value(),
                        p.role().name(),
                        p.skills().stream().map(Skill::name).collect(Collectors.joining(";")),
                        p.unit().map(UnitId::value).orElse("")));
    }

    private static <T> void write(Path file, List<String> columns, List<T> rows, Function<T, List<String>> fields) {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            Csv.writeRow(out, columns);
            for (T row : rows) Csv.writeRow(out, fields.apply(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record read from a file, and where: {@code units.csv[12]}, 12 its line. */
    record Lined<T>(String at, T value) {}

    private static <T> List<T> values(List<Lined<T>> lined) {
        return lined.stream().map(Lined::value).toList();
    }

    private static <T> List<Lined<T>> readLines(Path file, List<String> columns, Function<Row, T> parse) {
        return readLinesOfAny(file, List.of(columns), parse);
    }

    /** As {@link #readLines}, for a file whose header may be any of {@code headers}: its rows have the header's columns. */
    private static <T> List<Lined<T>> readLinesOfAny(Path file, List<List<String>> headers, Function<Row, T> parse) {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw InvalidInputException.of("file", file, "must be a readable CSV file");
        }
        Check check = Check.collecting();
        List<Lined<T>> result = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Optional<List<String>> header = Csv.readRow(in);
            if (header.isEmpty() || !headers.contains(header.get())) {
                throw InvalidInputException.of(
                        name + "[1]",
                        header.map(h -> String.join(",", h)).orElse(""),
                        "must be the header "
                                + headers.stream().map(h -> String.join(",", h)).collect(Collectors.joining(" or ")));
            }
            List<String> columns = header.get();
            int line = 1;
            for (Optional<List<String>> fields = Csv.readRow(in); fields.isPresent(); fields = Csv.readRow(in)) {
                line++;
                if (fields.get().size() == 1 && fields.get().getFirst().isEmpty()) continue;
                Row row = new Row(name + "[" + line + "]", columns, fields.get(), check);
                if (fields.get().size() != columns.size()) {
                    check.add(row.at, fields.get().size() + " fields", "must have " + columns.size() + " fields");
                    continue;
                }
                try {
                    T value = parse.apply(row);
                    if (row.ok) result.add(new Lined<>(row.at, value));
                } catch (InvalidInputException e) {
                    // A field read as a placeholder after its own violation may make the record refuse too.
                    if (row.ok) e.violations().forEach(v -> check.add(row.at + "." + v.field(), v.value(), v.rule()));
                }
            }
        } catch (IOException e) {
            throw InvalidInputException.of("file", file, "must be a readable CSV file (" + e.getMessage() + ")");
        }
        check.throwIfAny();
        return result;
    }

    /** One line's fields, read by column name; a bad field is recorded and a placeholder returned. */
    private static final class Row {
        private static final GeoPoint NOWHERE = GeoPoint.of(0, 0);

        private final String at;
        private final List<String> columns;
        private final List<String> fields;
        private final Check check;
        private boolean ok = true;

        Row(String at, List<String> columns, List<String> fields, Check check) {
            this.at = at;
            this.columns = columns;
            this.fields = fields;
            this.check = check;
        }

        /** Whether the file has the column (an optional one). */
        boolean has(String column) {
            return columns.contains(column);
        }

        private String raw(String column) {
            return fields.get(columns.indexOf(column)).strip();
        }

        private void bad(String column, String value, String rule) {
            check.add(at + "." + column, value, rule);
            ok = false;
        }

        String text(String column) {
            String v = raw(column);
            if (v.isEmpty()) {
                bad(column, v, "must not be blank");
                return "?";
            }
            return v;
        }

        <T> T code(String column, Function<String, T> of) {
            String v = raw(column);
            try {
                return of.apply(v);
            } catch (InvalidInputException e) {
                bad(column, v, e.violations().getFirst().rule());
                return of.apply("invalid");
            }
        }

        <T> Optional<T> optionalCode(String column, Function<String, T> of) {
            return raw(column).isEmpty() ? Optional.empty() : Optional.of(code(column, of));
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type) {
            String v = raw(column);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                bad(column, v, "must be one of " + Arrays.toString(type.getEnumConstants()));
                return type.getEnumConstants()[0];
            }
        }

        int integer(String column, int min, int max) {
            String v = raw(column);
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            bad(column, v, "must be a whole number from " + min + " to " + max);
            return min;
        }

        GeoPoint point(String latColumn, String lonColumn) {
            double lat = decimal(latColumn, 90);
            double lon = decimal(lonColumn, 180);
            return ok ? GeoPoint.of(lat, lon) : NOWHERE;
        }

        private double decimal(String column, double limit) {
            String v = raw(column);
            try {
                double d = Double.parseDouble(v);
                if (d >= -limit && d <= limit) return d;
            } catch (NumberFormatException e) {
                // reported below
            }
            bad(column, v, "must be decimal degrees from " + -limit + " to " + limit);
            return 0;
        }

        SortedSet<Skill> skills(String column) {
            String v = raw(column);
            EnumSet<Skill> skills = EnumSet.noneOf(Skill.class);
            if (v.isEmpty()) return new TreeSet<>(skills);
            for (String s : v.split(";")) {
                try {
                    skills.add(Skill.valueOf(s.strip()));
                } catch (IllegalArgumentException e) {
                    bad(column, s.strip(), "must be ;-separated skills from " + Arrays.toString(Skill.values()));
                }
            }
            return new TreeSet<>(skills);
        }
    }
}
