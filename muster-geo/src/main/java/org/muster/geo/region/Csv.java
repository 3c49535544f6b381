package org.muster.geo.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Minimal RFC 4180 CSV: a header line, comma separators, double quotes around fields that need them. */
final class Csv {
    private Csv() {}

    static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.write(',');
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write('\n');
    }

    /** The next record's fields, or empty at the end; a quoted field may span lines. */
    static Optional<List<String>> readRow(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) return Optional.empty();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (!quoted) break;
            String next = in.readLine();
            if (next == null) break;
            field.append('\n');
            line = next;
        }
        fields.add(field.toString());
        return Optional.of(fields);
    }
}
