package io.scriptgram.script;

/** The {@code .d.ts} and {@code .pyi} text for filters and commands, appended by {@link TypesGenerator}. */
final class FilterTypings {
    private FilterTypings() {}

    static final String TYPESCRIPT = """
            /** A peer as calls accept it: "@name", "me", an id (marked: -100… channels), or a user/chat/peer object. */
            type PeerLike = string | number | bigint | TlObject;
            /** Media kinds, one list shared by filters and the media helpers. */
            type MediaKind = "photo" | "video" | "video_note" | "animation" | "sticker" | "voice" | "audio" | \
            "document" | "contact" | "location" | "live_location" | "venue" | "poll" | "dice" | "game" | "invoice" | \
            "webpage" | "story" | "giveaway" | "paid_media" | "todo" | "unsupported";
            /** Checked in Java before an update enters the script, except pattern (JS RegExp, after them). */
            interface MessageFilter {
              pattern?: RegExp | string; incoming?: boolean; outgoing?: boolean;
              chats?: PeerLike | PeerLike[]; from?: PeerLike | PeerLike[];
              private?: boolean; groups?: boolean; channels?: boolean; media?: MediaKind[];
            }
            interface FilterInfo extends UpdateInfo { /** The pattern's match, when the filter has one. */ \
            match?: RegExpExecArray }
            declare function on(event: "message" | "edit", filter: MessageFilter, \
            handler: (message: TlObject, info: FilterInfo) => any): number;
            interface CommandOptions {
              /** Each character is a prefix (a string), or a list of prefixes; default scripts.command_prefixes. */
              prefixes?: string | string[];
              /** Also other people's messages (default: only the account's own, typed anywhere). */
              incoming?: boolean;
              chats?: PeerLike | PeerLike[]; from?: PeerLike | PeerLike[];
              private?: boolean; groups?: boolean; channels?: boolean;
            }
            interface CommandInfo extends UpdateInfo { command: string; prefix: string; args: string[]; rest: string }
            /** `.ping a "b c"` → fn(message, ["a", "b c"], info). Never fires for a message this host just sent. */
            declare function command(name: string | string[], \
            fn: (message: TlObject, args: string[], info: CommandInfo) => any, opts?: CommandOptions): number;

            """;

    static final String PYTHON = """
            # Filters: checked in Java before an update enters the script, except pattern (Python re.search, after).
            # Keys: pattern (str or compiled), incoming, outgoing, chats, from_ (or "from" in a dict), private, groups,
            # channels, media (kinds: photo, video, video_note, animation, sticker, voice, audio, document, contact,
            # location, live_location, venue, poll, dice, game, invoice, webpage, story, giveaway, paid_media, todo).
            # on("message", fn) / on("message", {"incoming": True}, fn) / @on("message", pattern=r"^hi")
            def on(event: str, *filter_or_handler: Any, **filters: Any) -> Any: ...
            # command("ping", fn) or @command(["ping", "p"], incoming=True, prefixes="."): fn(message, args, info)
            def command(name: Union[str, list[str]], *opts_or_handler: Any, **opts: Any) -> Any: ...

            """;
}
