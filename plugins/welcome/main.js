// A plugin with settings (plugin.yml), a schedule naming a function, and storage that survives
// reloads and restarts.
import { counterKey, topCounts } from "./counts.js";

on("message", async (m) => {
  if (m.out || m.peer_id._ !== "peerUser") return; // private chats only
  const id = m.chat_id;
  const seen = (await storage.get(counterKey(id))) ?? 0;
  await storage.set(counterKey(id), seen + 1);
  if (seen === 0) {
    const name = m.sender?.first_name ?? "there";
    await m.respond(config.greeting.replace("{name}", name));
    log.info(`greeted ${name}`);
  }
});

// plugin.yml's schedule calls this by name: in a JS module, make it global.
globalThis.report = async () => {
  const top = await topCounts(storage, config.report_top);
  if (top.length) log.info("messages so far: " + top.map(([id, n]) => `${id}: ${n}`).join(", "));
};

onUnload(() => log.info("welcome plugin unloading"));
