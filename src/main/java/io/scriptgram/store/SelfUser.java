package io.scriptgram.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The logged-in account.
 *
 * @param id the user id
 * @param bot whether it is a bot account
 * @param user the {@code User} TL object as its binary (boxed) serialisation, or empty if unknown
 */
public record SelfUser(long id, boolean bot, byte[] user) {
    public SelfUser {
        user = Objects.requireNonNull(user, "user").clone();
    }

    @Override
    public byte[] user() {
        return user.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelfUser s && s.id == id && s.bot == bot && Arrays.equals(s.user, user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, bot, Arrays.hashCode(user));
    }

    @Override
    public String toString() {
        return "SelfUser[id=" + id + ", bot=" + bot + ", user=<" + user.length + " bytes>]";
    }
}
