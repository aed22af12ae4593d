// Tests of the welcome plugin, loaded with its plugin.yml (settings, schedule, permissions) as `run` loads it.

test("greets a contact the first time only, and counts", async (t) => {
  const alice = t.world.user("@alice");
  await alice.send("hi");
  const greeting = await t.expectMessage({chats: "@alice"});
  expect(greeting.text).toBe("Hi Alice! I'm a Scriptgram script; your messages are counted.");
  await alice.send("me again");
  await t.expectNoMessage({chats: "@alice"});
  expect(t.storage.get(`count:${alice.id}`)).toBe(2);
});

test("reports the counts every 30 s", async (t) => {
  await t.world.user("@bob").send("hello");
  await t.expectMessage({chats: "@bob"});
  t.clock.advance("30s");
  expect(t.logs().some((l) => l.includes(`messages so far: ${t.world.user("@bob").id}: 1`))).toBe(true);
});

test("keeps its counts across a reload", async (t) => {
  const alice = t.world.user("@alice");
  await alice.send("one");
  await t.expectMessage({chats: "@alice"});
  t.reload();
  await alice.send("two");
  await t.expectNoMessage({chats: "@alice"});
  expect(t.storage.get(`count:${alice.id}`)).toBe(2);
});
