// A conversation with the sandbox's answering contact (world.yml: answering). Quiet until you write
// ".ask TEXT" in any chat from this account: it asks @sandbox_echo_bot, waits for the answer, and
// edits your command to show it.
command("ask", async (m, args) => {
  const question = args.join(" ");
  if (!question) return;
  try {
    const answer = await conversation("@sandbox_echo_bot", async (conv) => {
      await conv.send(question);
      return (await conv.getResponse({timeout: 30})).text;
    });
    log.info("asked", question, "got", answer);
    await m.edit(`${question} → ${answer}`);
  } catch (e) {
    log.warn(".ask failed:", e.message);
  }
});
