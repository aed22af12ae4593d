package io.scriptgram.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How install and update present a plugin's permissions: the methods that can destroy or hand over the account are
 * marked, and so are the wildcards that include them.
 */
final class PluginPermissions {
    /**
     * Methods that delete the account, end or reset sessions, log out, change the phone or 2FA, or hand out a login
     * (names from the TL schema of layer 223).
     */
    static final Set<String> DESTRUCTIVE = Set.of(
            "account.deleteAccount",
            "account.setAccountTTL",
            "account.resetAuthorization",
            "account.setAuthorizationTTL",
            "account.resetWebAuthorization",
            "account.resetWebAuthorizations",
            "account.changePhone",
            "account.sendChangePhoneCode",
            "account.updatePasswordSettings",
            "account.getPasswordSettings",
            "account.resetPassword",
            "account.declinePasswordReset",
            "account.confirmPasswordEmail",
            "account.invalidateSignInCodes",
            "auth.logOut",
            "auth.resetAuthorizations",
            "auth.exportLoginToken",
            "auth.acceptLoginToken",
            "auth.importLoginToken",
            "auth.exportAuthorization",
            "auth.importAuthorization",
            "auth.bindTempAuthKey",
            "auth.dropTempAuthKeys",
            "auth.recoverPassword",
            "auth.requestPasswordRecovery");

    private PluginPermissions() {}

    /** Whether a permission entry grants a destructive method (by name, or as a wildcard that covers one). */
    static boolean destructive(String permission) {
        if (permission.equals("*")) return true;
        if (permission.endsWith(".*")) {
            String ns = permission.substring(0, permission.length() - 1);
            return DESTRUCTIVE.stream().anyMatch(m -> m.startsWith(ns));
        }
        return DESTRUCTIVE.contains(permission);
    }

    /** Each permission, destructive ones in red with a warning ({@code color} false: marked with "!!"). */
    static List<String> shown(List<String> permissions, boolean color) {
        List<String> out = new ArrayList<>();
        if (permissions.isEmpty()) {
            out.add(mark("every API method (no permissions: list in plugin.yml)", color));
            return out;
        }
        for (String p : permissions) {
            if (!destructive(p)) {
                out.add(p);
                continue;
            }
            String why = p.contains("*")
                    ? p + "  (includes methods that can delete the account or end its sessions)"
                    : p + "  (can delete the account, end its sessions or take it over)";
            out.add(mark(why, color));
        }
        return out;
    }

    static String mark(String s, boolean color) {
        return color ? "\u001b[1;31m" + s + "\u001b[0m" : "!! " + s;
    }
}
