// Tests of ping.js, run offline by `bin/scriptgram test` (each test gets a fresh sandbox world).

test("answers ping with pong", async (t) => {
  const ping = await t.world.user("@alice").send("ping");
  const reply = await t.expectMessage({pattern: /^pong$/, chats: "@alice"});
  expect(reply.text).toBe("pong");
  // It is a reply to Alice's message: the call the script made says so.
  const [call] = t.calls("messages.sendMessage");
  expect(call.params.reply_to.reply_to_msg_id).toBeGreaterThan(0);
});

test("says nothing to other messages", async (t) => {
  await t.world.user("@bob").send("hello there");
  await t.expectNoMessage({chats: "@bob"}, {within: "300ms"});
});

test("turns your own .ping into a bold pong", async (t) => {
  await t.world.user("me").send(".ping");
  const edited = await t.expectEdit({text: "pong"});
  expect(edited.entities[0]._).toBe("messageEntityBold");
});
