package io.scriptgram.text;

import java.util.Locale;

/** The markup languages {@link Formatting} reads and writes. */
public enum ParseMode {
    MARKDOWN,
    HTML;

    /**
     * {@code "markdown"}/{@code "md"}/{@code "html"}, any case; null or {@code ""} → null (no parsing); anything else →
     * IllegalArgumentException naming the value and the accepted ones.
     */
    public static ParseMode of(String name) {
        if (name == null || name.isEmpty()) return null;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> MARKDOWN;
            case "html" -> HTML;
            default ->
                throw new IllegalArgumentException(
                        "unknown parse_mode '" + name + "' (accepted: \"markdown\", \"md\", \"html\", or none)");
        };
    }
}
