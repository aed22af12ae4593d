package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;

/** help.*: the configuration clients fetch first (DC list from the world) and the nearest DC. */
final class HelpHandlers {
    private HelpHandlers() {}

    static void register(Handlers h, World w) {
        h.registerPublic("help.getConfig", (ctx, req) -> config(w, ctx));
        h.registerPublic(
                "help.getNearestDc",
                (ctx, req) -> Replies.of(
                        ctx.schema(),
                        "nearestDc",
                        fields("country", "XX", "this_dc", ctx.dc(), "nearest_dc", ctx.dc())));
    }

    private static TlObject config(World w, CallContext ctx) {
        List<TlObject> options = new ArrayList<>();
        for (DcInfo d : w.dcs()) {
            options.add(
                    Replies.of(ctx.schema(), "dcOption", fields("id", d.id(), "ip_address", d.ip(), "port", d.port())));
        }
        for (DcInfo d : w.dcsIpv6()) {
            options.add(Replies.of(
                    ctx.schema(),
                    "dcOption",
                    fields("ipv6", true, "id", d.id(), "ip_address", d.ip(), "port", d.port())));
        }
        int now = w.now();
        // Values of Telegram's production config where a client acts on them; the rest stay zero.
        return Replies.of(
                ctx.schema(),
                "config",
                fields(
                        "date",
                        now,
                        "expires",
                        now + 3600,
                        "test_mode",
                        false,
                        "this_dc",
                        ctx.dc(),
                        "dc_options",
                        options,
                        "chat_size_max",
                        200,
                        "megagroup_size_max",
                        200_000,
                        "forwarded_count_max",
                        100,
                        "online_update_period_ms",
                        210_000,
                        "offline_blur_timeout_ms",
                        5000,
                        "offline_idle_timeout_ms",
                        30_000,
                        "online_cloud_timeout_ms",
                        300_000,
                        "notify_cloud_delay_ms",
                        30_000,
                        "notify_default_delay_ms",
                        1500,
                        "push_chat_period_ms",
                        60_000,
                        "push_chat_limit",
                        2,
                        "edit_time_limit",
                        172_800,
                        "revoke_time_limit",
                        Integer.MAX_VALUE,
                        "revoke_pm_time_limit",
                        Integer.MAX_VALUE,
                        "rating_e_decay",
                        2_419_200,
                        "stickers_recent_limit",
                        200,
                        "channels_read_media_period",
                        604_800,
                        "call_receive_timeout_ms",
                        20_000,
                        "call_ring_timeout_ms",
                        90_000,
                        "call_connect_timeout_ms",
                        30_000,
                        "call_packet_timeout_ms",
                        10_000,
                        "me_url_prefix",
                        "https://t.me/",
                        "caption_length_max",
                        1024,
                        "message_length_max",
                        4096,
                        "webfile_dc_id",
                        w.dcs().get(0).id()));
    }
}
