// Tests of ask.js: a conversation with the sandbox's echo bot, started by your own ".ask" command.

test("asks the echo bot and shows its answer in the command", async (t) => {
  await t.world.user("me").send(".ask is anyone there?");
  const edited = await t.expectEdit({pattern: /→/});
  expect(edited.text).toBe("is anyone there? → is anyone there?");
});

test("an empty .ask does nothing", async (t) => {
  await t.world.user("me").send(".ask");
  await t.expectNoMessage({chats: "@sandbox_echo_bot"});
});
