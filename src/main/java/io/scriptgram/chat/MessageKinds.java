package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import java.util.List;

/**
 * What kind of media a message carries, by one list of names shared by filters ({@code media: ["photo"]}) and the media
 * helpers: {@link #KINDS}. A document is told apart by its flags and attributes the way Telegram clients show it (a
 * round video is a video_note, a voice-flagged audio a voice message, an animated document an animation).
 */
public final class MessageKinds {
    /** Every kind name {@link #of} can return, in the order the docs list them. */
    public static final List<String> KINDS = List.of(
            "photo",
            "video",
            "video_note",
            "animation",
            "sticker",
            "voice",
            "audio",
            "document",
            "contact",
            "location",
            "live_location",
            "venue",
            "poll",
            "dice",
            "game",
            "invoice",
            "webpage",
            "story",
            "giveaway",
            "paid_media",
            "todo",
            "unsupported");

    private MessageKinds() {}

    /** The kind of {@code message}'s media (a message, or a messageMedia* itself); null for text or a service one. */
    public static String of(TlObject message) {
        if (message == null) return null;
        TlObject media = message.name().startsWith("messageMedia") ? message : field(message, "media");
        if (media == null) return null;
        return switch (media.name()) {
            case "messageMediaPhoto" -> media.has("photo") ? "photo" : null;
            case "messageMediaDocument" -> document(media);
            case "messageMediaContact" -> "contact";
            case "messageMediaGeo" -> "location";
            case "messageMediaGeoLive" -> "live_location";
            case "messageMediaVenue" -> "venue";
            case "messageMediaPoll" -> "poll";
            case "messageMediaDice" -> "dice";
            case "messageMediaGame" -> "game";
            case "messageMediaInvoice" -> "invoice";
            case "messageMediaWebPage" -> "webpage";
            case "messageMediaStory" -> "story";
            case "messageMediaGiveaway", "messageMediaGiveawayResults" -> "giveaway";
            case "messageMediaPaidMedia" -> "paid_media";
            case "messageMediaToDo" -> "todo";
            case "messageMediaUnsupported" -> "unsupported";
            default -> null; // messageMediaEmpty, and kinds newer than this list
        };
    }

    private static String document(TlObject media) {
        if (flag(media, "round")) return "video_note";
        if (flag(media, "voice")) return "voice";
        TlObject doc = field(media, "document");
        boolean video = flag(media, "video"), audio = false, animated = false, sticker = false, round = false;
        boolean voice = false;
        if (doc != null && doc.constructor().param("attributes") != null && doc.has("attributes")) {
            for (Object a : doc.getList("attributes")) {
                if (!(a instanceof TlObject attr)) continue;
                switch (attr.name()) {
                    case "documentAttributeSticker", "documentAttributeCustomEmoji" -> sticker = true;
                    case "documentAttributeAnimated" -> animated = true;
                    case "documentAttributeVideo" -> {
                        video = true;
                        round |= flag(attr, "round_message");
                    }
                    case "documentAttributeAudio" -> {
                        audio = true;
                        voice |= flag(attr, "voice");
                    }
                    default -> {}
                }
            }
        }
        if (sticker) return "sticker";
        if (round) return "video_note";
        if (animated) return "animation";
        if (video) return "video";
        if (voice) return "voice";
        if (audio) return "audio";
        return doc == null ? null : "document";
    }

    /** The kind names in {@code names} that are not kinds, for an error that names them. */
    public static List<String> unknown(List<String> names) {
        return names.stream().filter(n -> !KINDS.contains(n)).toList();
    }

    static TlObject field(TlObject o, String name) {
        return o.constructor().param(name) != null && o.get(name) instanceof TlObject t ? t : null;
    }

    static boolean flag(TlObject o, String name) {
        return o.constructor().param(name) != null && o.getBool(name);
    }
}
