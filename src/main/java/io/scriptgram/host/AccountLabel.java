package io.scriptgram.host;

import io.scriptgram.tl.TlObject;

/** How the host names an account in its banner and status: name, @username and id, never the phone number. */
public final class AccountLabel {
    private AccountLabel() {}

    /** "Sandy Box (@sandbox_me, id 1000001)". */
    public static String of(TlObject user) {
        return of(user, false);
    }

    /** With the phone number, for the person asking at a terminal (whoami, login): "…, id 1000001, +9996611234)". */
    public static String withPhone(TlObject user) {
        return of(user, true);
    }

    private static String of(TlObject user, boolean phone) {
        StringBuilder b = new StringBuilder();
        if (user.has("first_name")) b.append(user.getString("first_name"));
        if (user.has("last_name") && !user.getString("last_name").isEmpty())
            b.append(' ').append(user.getString("last_name"));
        b.append(" (");
        if (user.has("username"))
            b.append('@').append(user.getString("username")).append(", ");
        b.append("id ").append(user.getLong("id"));
        if (phone && user.has("phone")) b.append(", +").append(user.getString("phone"));
        if (user.has("bot")) b.append(", bot");
        return b.append(')').toString();
    }
}
