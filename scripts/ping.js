// Answers "ping" with "pong" wherever it is written to you, and logs every incoming message.
// Try it against the sandbox: its contacts write now and then (chatter), and one of their lines is "Ping".

on("message", async (update, info) => {
  const m = update.message;
  if (m.out || !m.message) return; // our own messages, or media without text
  const from = info.users[m.from_id?.user_id ?? m.peer_id.user_id];
  log.info(`← ${from ? from.first_name : "someone"}: ${m.message}`);
  if (/\bping\b/i.test(m.message)) {
    await messages.sendMessage({peer: m.peer_id, message: "pong",
                                reply_to: {_: "inputReplyToMessage", reply_to_msg_id: m.id}});
    log.info("→ pong");
  }
});

log.info(`ping.js ready as @${self.username}`);
