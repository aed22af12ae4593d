package io.scriptgram.session;

import java.util.Locale;

/** The session formats we read (and, where it has a string form, write). */
public enum SessionFormat {
    OURS("Scriptgram session string"),
    TELETHON("Telethon StringSession"),
    TELETHON_FILE("Telethon .session file"),
    PYROGRAM("Pyrogram session string"),
    PYROGRAM_FILE("Pyrogram .session file"),
    GRAMJS("GramJS StringSession"),
    MTCUTE("mtcute session string");

    private final String label;

    SessionFormat(String label) {
        this.label = label;
    }

    /** How the user reads it: "Telethon StringSession". */
    public String label() {
        return label;
    }

    /** The name {@code --format} takes for a string format: ours, telethon, pyrogram, gramjs, mtcute. */
    public static SessionFormat ofExportName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ours", "scriptgram" -> OURS;
            case "telethon" -> TELETHON;
            case "pyrogram" -> PYROGRAM;
            case "gramjs" -> GRAMJS;
            case "mtcute" -> MTCUTE;
            default ->
                throw new SessionFormatException(
                        "unknown session format '" + name + "': use ours, telethon, pyrogram, gramjs or mtcute");
        };
    }
}
