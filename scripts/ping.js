// Answers "ping" written to you with "pong", and turns your own ".ping" (typed in any chat, from any device)
// into a bold "pong". Try it against the sandbox: its contacts write now and then (chatter), one of their lines
// is "Ping", and now and then the account itself types ".ping" in Saved Messages.

on("message", {incoming: true, pattern: /\bping\b/i}, async (m) => {
  log.info(`← ${m.sender ? m.sender.first_name : "someone"}: ${m.text}`);
  await m.reply("pong");
  log.info("→ pong");
});

command("ping", async (m) => {
  await m.edit("**pong**", {parse_mode: "markdown"});
});

log.info(`ping.js ready as @${self.username}`);
