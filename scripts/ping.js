// Answers "ping" with "pong" wherever it is written to you, and logs every incoming message.
// Try it against the sandbox: its contacts write now and then (chatter), and one of their lines is "Ping".

on("message", async (m) => {
  if (m.out || !m.text) return; // our own messages, or media without text
  log.info(`← ${m.sender ? m.sender.first_name : "someone"}: ${m.text}`);
  if (/\bping\b/i.test(m.text)) {
    await m.reply("pong");
    log.info("→ pong");
  }
});

log.info(`ping.js ready as @${self.username}`);
