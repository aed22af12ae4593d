package io.scriptgram.script;

import java.util.Set;

/**
 * API methods that can destroy the account or hand it over: delete it, end or reset its sessions, log out, change its
 * phone or 2FA, export or accept a login. No wildcard in a plugin's permissions ({@code *}, {@code account.*}) grants
 * one; a plugin gets it only by naming it exactly, and plugin add shows it in red. Names from the TL schema (layer
 * 223).
 */
public final class AccountMethods {
    public static final Set<String> DESTRUCTIVE = Set.of(
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

    private AccountMethods() {}

    public static boolean destructive(String method) {
        return DESTRUCTIVE.contains(method);
    }
}
