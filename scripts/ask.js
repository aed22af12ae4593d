// A conversation with the sandbox's answering contact (world.yml: answering). Quiet until you write
// ".ask TEXT" in any chat from this account: it asks @sandbox_echo_bot, waits for the answer, and
// edits your command to show it.
on('message', async function ask(u) {
  const m = u.message;
  if (!m.out || !m.message.startsWith('.ask ')) return;
  const question = m.message.slice(5);
  try {
    const answer = await conversation('@sandbox_echo_bot', async (conv) => {
      await conv.send(question);
      return (await conv.getResponse({timeout: 30})).message;
    });
    log.info('asked', question, 'got', answer);
    await messages.editMessage({peer: m.peer_id, id: m.id, message: `${question} → ${answer}`});
  } catch (e) {
    log.warn('.ask failed:', e.message);
  }
});
