package io.scriptgram.console;

import static io.scriptgram.console.Html.esc;

import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.PluginManifest;
import io.scriptgram.plugin.ScriptPlugins;
import io.scriptgram.schedule.Job;
import io.scriptgram.script.ScriptHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scripts and plugins: version, language, handlers, schedules with their next run, the last errors (with file and
 * line), permissions, storage size, and reload / disable / enable buttons. The list refreshes itself every second, so
 * saving a file shows the reload (or the error) without touching the page.
 */
final class ScriptsPage {
    private final ConsoleHost host;

    /** What the pages say on a host sharing its accounts by lease while it holds none. */
    static final String NONE_HERE =
            "no account runs on this host now: its scripts load when it takes an account's lease";

    ScriptsPage(ConsoleHost host) {
        this.host = host;
    }

    Reply page(Call c) {
        if (c.fragment()) return Reply.html(list(c.csrf()));
        return Reply.html(Html.page(
                "Scripts",
                "/static/",
                c.csrf(),
                true,
                "<h1>Scripts and plugins</h1><div id=\"scripts\" data-refresh=\"/scripts?fragment=1\">" + list(c.csrf())
                        + "</div>"));
    }

    /** Reload, disable or enable the plugin at {@code place}, which must be one the host knows. */
    Reply change(Call c) {
        String place = c.param("place");
        PluginManager pm = host.plugins();
        if (pm == null) return Reply.text(409, "409: " + NONE_HERE + "\n");
        Path where = known(pm, place);
        if (where == null) return Reply.text(400, "400: no script or plugin at that place\n");
        switch (c.path()) {
            case "/scripts/reload" -> pm.reload(where);
            case "/scripts/disable" -> pm.disable(where);
            default -> pm.enable(where);
        }
        return Reply.seeOther("/scripts");
    }

    private static Path known(PluginManager pm, String place) {
        if (place == null) return null;
        for (PluginManager.Active a : pm.active())
            if (a.manifest().place().toString().equals(place))
                return a.manifest().place();
        for (Path p : pm.switchedOff()) if (p.toString().equals(place)) return p;
        return null;
    }

    /** "scripts/ping.js", "plugins/welcome": how problems name a place. */
    static String label(Path place) {
        Path parent = place.getParent();
        return parent == null || parent.getFileName() == null
                ? place.toString()
                : parent.getFileName() + "/" + place.getFileName();
    }

    private String list(String csrf) {
        StringBuilder b = new StringBuilder();
        PluginManager pm = host.plugins();
        if (pm == null) return "<p class=\"meta\" id=\"no-account\">" + esc(NONE_HERE) + "</p>";
        List<PluginManager.Active> active = new ArrayList<>(pm.active());
        active.sort(Comparator.comparing(a -> a.manifest().name()));
        List<PluginManager.Problem> problems = pm.recentProblems();
        List<Job.Info> jobs = host.schedules();
        List<String> shown = new ArrayList<>();
        b.append(
                "<table class=\"scripts\"><thead><tr><th>name</th><th>version</th><th>language</th><th>status</th>"
                        + "<th>handlers</th><th>schedules</th><th>permissions</th><th>storage</th><th></th></tr></thead><tbody>");
        for (PluginManager.Active a : active) {
            PluginManifest m = a.manifest();
            ScriptHandle h = ScriptPlugins.handleOf(a.loaded());
            String label = label(m.place());
            shown.add(label);
            b.append("<tr class=\"script\" data-name=\"")
                    .append(esc(m.name()))
                    .append("\"><td><b>")
                    .append(esc(m.name()))
                    .append("</b><div class=\"meta\">")
                    .append(esc(label))
                    .append("</div></td><td class=\"version\">")
                    .append(esc(m.version()))
                    .append("</td><td>")
                    .append(esc(m.language().name().toLowerCase()))
                    .append("</td><td class=\"status\">")
                    .append(h == null ? "loaded" : esc(h.status().name().toLowerCase()))
                    .append("<div class=\"meta\">since ")
                    .append(esc(a.since().toString().substring(11, 19)))
                    .append("</div></td><td>")
                    .append(h == null ? "—" : h.handlerCount())
                    .append("</td><td>");
            for (Job.Info j : jobs) {
                if (!j.owner().equals(m.name())) continue;
                b.append("<div>")
                        .append(esc(j.timing()))
                        .append(" <span class=\"meta\">next ")
                        .append(
                                j.nextRun() == null
                                        ? "—"
                                        : esc(j.nextRun().toString().substring(11, 19)))
                        .append(", ")
                        .append(j.runs())
                        .append(" runs</span></div>");
            }
            b.append("</td><td>")
                    .append(esc(m.permissions().isEmpty() ? "—" : String.join(", ", m.permissions())))
                    .append("</td><td>")
                    .append(storageSize(m.name()))
                    .append("</td><td>")
                    .append(Html.button(
                            "/scripts/reload",
                            csrf,
                            "Reload",
                            "place",
                            m.place().toString()))
                    .append(' ')
                    .append(Html.button(
                            "/scripts/disable",
                            csrf,
                            "Disable",
                            "place",
                            m.place().toString()))
                    .append("</td></tr>");
            List<String> errors = new ArrayList<>();
            if (h != null)
                errors.addAll(h.errors()
                        .subList(Math.max(0, h.errors().size() - 5), h.errors().size()));
            for (PluginManager.Problem p : problems)
                if (p.plugin().equals(label) && p.at().isAfter(a.since()) && errors.size() < 8)
                    errors.add(p.at().toString().substring(11, 19) + " " + p.message());
            if (!errors.isEmpty()) {
                b.append("<tr class=\"errors\"><td colspan=\"9\"><ul class=\"errors-list\">");
                for (String e : errors) b.append("<li>").append(esc(e)).append("</li>");
                b.append("</ul></td></tr>");
            }
        }
        for (Path off : pm.switchedOff()) {
            String label = label(off);
            shown.add(label);
            String file = off.getFileName().toString();
            String name = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
            b.append("<tr class=\"script off\" data-name=\"")
                    .append(esc(name))
                    .append("\"><td><b>")
                    .append(esc(name))
                    .append("</b><div class=\"meta\">")
                    .append(esc(label))
                    .append("</div></td><td></td><td></td><td class=\"status\">disabled</td><td></td><td></td><td></td>"
                            + "<td></td><td>")
                    .append(Html.button("/scripts/enable", csrf, "Enable", "place", off.toString()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table><h2>Recent problems</h2>");
        List<PluginManager.Problem> others = problems.stream()
                .filter(p -> !shown.contains(p.plugin()))
                .limit(10)
                .toList();
        if (others.isEmpty()) b.append("<p class=\"meta\">none</p>");
        else {
            b.append("<ul class=\"errors-list\" id=\"problems\">");
            for (PluginManager.Problem p : others)
                b.append("<li>")
                        .append(esc(p.at().toString().substring(11, 19)))
                        .append(' ')
                        .append(esc(p.plugin()))
                        .append(": ")
                        .append(esc(p.message()))
                        .append("</li>");
            b.append("</ul>");
        }
        return b.toString();
    }

    private String storageSize(String script) {
        try {
            long bytes = host.storage().usedBytes(script); // null storage: "—" below
            return bytes < 1024 ? bytes + " B" : (bytes >> 10) + " KB";
        } catch (RuntimeException e) {
            return "—";
        }
    }
}
