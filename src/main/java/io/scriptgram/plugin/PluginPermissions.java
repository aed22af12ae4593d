package io.scriptgram.plugin;

import io.scriptgram.script.AccountMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How install and update present a plugin's permissions: the methods that can destroy or hand over the account are
 * marked (a plugin gets one only by naming it: wildcards never grant them).
 */
final class PluginPermissions {
    /** The methods that can destroy or hand over the account ({@link AccountMethods}). */
    static final Set<String> DESTRUCTIVE = AccountMethods.DESTRUCTIVE;

    private PluginPermissions() {}

    /** Whether a permission entry grants a destructive method: only its exact name does (never a wildcard). */
    static boolean destructive(String permission) {
        return DESTRUCTIVE.contains(permission);
    }

    /** Each permission, destructive ones in red with a warning ({@code color} false: marked with "!!"). */
    static List<String> shown(List<String> permissions, boolean color) {
        List<String> out = new ArrayList<>();
        if (permissions.isEmpty()) {
            out.add("every API method (no permissions: list in plugin.yml) except those that can delete or hand over"
                    + " the account");
            return out;
        }
        for (String p : permissions) {
            out.add(
                    destructive(p)
                            ? mark(p + "  (can delete the account, end its sessions or take it over)", color)
                            : p);
        }
        return out;
    }

    static String mark(String s, boolean color) {
        return color ? "\u001b[1;31m" + s + "\u001b[0m" : "!! " + s;
    }
}
