package org.muster.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's modules (static/app/*.js) import each other one way: no cycle, every imported module there
 * and every imported name exported by it. A cycle in ES modules runs a module before its imports are
 * initialised; it works until the day the order of evaluation changes.
 */
class ClientModulesTest {
    private static final Path APP = Path.of("src/main/resources/static/app");
    private static final Pattern IMPORT =
            Pattern.compile("^import\\s*\\{([^}]*)\\}\\s*from\\s*'\\./([\\w-]+\\.js)';", Pattern.MULTILINE);
    private static final Pattern EXPORT = Pattern.compile(
            "^export\\s+(?:async\\s+)?(?:function\\*?|const|let|var|class)\\s+([\\w$]+)", Pattern.MULTILINE);

    private record Module(Map<String, Set<String>> imports, Set<String> exports) {}

    private static Map<String, Module> modules() {
        Map<String, Module> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(APP)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                String text = Files.readString(f);
                Map<String, Set<String>> imports = new TreeMap<>();
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    Set<String> names = imports.computeIfAbsent(m.group(2), k -> new HashSet<>());
                    for (String n : m.group(1).split(","))
                        if (!n.isBlank()) names.add(n.strip().split("\\s+as\\s+")[0]);
                }
                Set<String> exports = new HashSet<>();
                Matcher e = EXPORT.matcher(text);
                while (e.find()) exports.add(e.group(1));
                out.put(f.getFileName().toString(), new Module(imports, exports));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void the_dashboards_modules_import_each_other_without_a_cycle() {
        Map<String, Module> modules = modules();
        assertThat(modules).containsKeys("main.js", "state.js", "util.js", "aid.js", "dialogs.js");
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : modules.keySet()) visit(start, modules, new ArrayList<>(), done, cycles);
        assertThat(cycles).as("import cycles among static/app/*.js").isEmpty();
    }

    @Test
    void every_imported_module_and_name_is_there() {
        Map<String, Module> modules = modules();
        List<String> missing = new ArrayList<>();
        modules.forEach((name, module) -> module.imports().forEach((target, names) -> {
            Module t = modules.get(target);
            if (t == null) missing.add(name + " imports " + target + ", which is not there");
            else
                for (String n : names)
                    if (!t.exports().contains(n))
                        missing.add(name + " imports " + n + ", which " + target + " does not export");
        }));
        assertThat(missing).isEmpty();
    }

    private static void visit(
            String module,
            Map<String, Module> modules,
            List<String> path,
            Set<String> done,
            List<List<String>> cycles) {
        int at = path.indexOf(module);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(module);
            cycles.add(cycle);
            return;
        }
        if (done.contains(module) || !modules.containsKey(module)) return;
        path.add(module);
        for (String next : modules.get(module).imports().keySet()) visit(next, modules, path, done, cycles);
        path.removeLast();
        done.add(module);
    }
}
