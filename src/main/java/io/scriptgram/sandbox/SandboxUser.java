package io.scriptgram.sandbox;

import java.util.List;

/**
 * A user of the world. {@code phone} is digits only; {@code homeDc} is the DC the account lives on (a login elsewhere
 * answers PHONE_MIGRATE); {@code password} is the 2FA password or null. The password is never printed.
 */
public record SandboxUser(
        long id,
        long accessHash,
        String firstName,
        String lastName,
        List<String> usernames,
        String phone,
        int homeDc,
        String password,
        String passwordHint,
        boolean bot,
        String botToken) {
    public SandboxUser {
        usernames = List.copyOf(usernames);
    }

    /** The first username, or null. */
    public String username() {
        return usernames.isEmpty() ? null : usernames.get(0);
    }

    public boolean hasPassword() {
        return password != null;
    }

    @Override
    public String toString() {
        return "user " + id + (usernames.isEmpty() ? "" : " @" + usernames.get(0));
    }
}
