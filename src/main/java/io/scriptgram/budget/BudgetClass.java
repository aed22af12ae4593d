package io.scriptgram.budget;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of call a plugin's budget counts, each with the API methods it covers. A method in no class (reading a
 * user, getting dialogs) is not counted. Sends are counted twice: per chat and overall.
 *
 * <p>{@link #key} is the name in {@code plugin.yml} and {@code config.yml} ({@code budgets: {send_per_chat: 10/min}});
 * {@link #words} is how errors and the audit log name the class ({@code BUDGET_EXCEEDED messages.send per chat}).
 */
public enum BudgetClass {
    SEND_PER_CHAT(
            "send_per_chat",
            "messages.send per chat",
            List.of(
                    "messages.sendMessage",
                    "messages.sendMedia",
                    "messages.sendMultiMedia",
                    "messages.forwardMessages",
                    "messages.sendInlineBotResult")),
    SEND("send", "messages.send", SEND_PER_CHAT.methods),
    JOIN("join", "chat joins", List.of("channels.joinChannel", "messages.importChatInvite")),
    RESOLVE("resolve", "username resolves", List.of("contacts.resolveUsername", "contacts.resolvePhone")),
    CONTACT_IMPORT("import_contacts", "contact imports", List.of("contacts.importContacts", "contacts.addContact")),
    HISTORY(
            "history",
            "history reads",
            List.of(
                    "messages.getHistory",
                    "messages.search",
                    "messages.searchGlobal",
                    "messages.getReplies",
                    "channels.getParticipants"));

    /** The name in plugin.yml and config.yml. */
    public final String key;
    /** The words in errors: {@code BUDGET_EXCEEDED messages.send per chat}. */
    public final String words;

    private final List<String> methods;

    BudgetClass(String key, String words, List<String> methods) {
        this.key = key;
        this.words = words;
        this.methods = methods;
    }

    /** The methods this class counts. */
    public List<String> methods() {
        return methods;
    }

    private static final Map<String, BudgetClass> OVERALL = new HashMap<>();
    private static final Map<String, BudgetClass> BY_KEY = new HashMap<>();

    static {
        for (BudgetClass c : values()) {
            BY_KEY.put(c.key, c);
            if (c != SEND_PER_CHAT) for (String m : c.methods) OVERALL.put(m, c);
        }
    }

    /** The class counting {@code method} overall (sends: {@link #SEND}), or null when none does. */
    public static BudgetClass of(String method) {
        return OVERALL.get(method);
    }

    /** The class named {@code key} in plugin.yml / config.yml, or null. */
    public static BudgetClass byKey(String key) {
        return BY_KEY.get(key);
    }
}
