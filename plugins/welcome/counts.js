// Storage keys of the welcome plugin, in a module of its own (plugins may import their own files).
export const counterKey = (userId) => `count:${userId}`;

export async function topCounts(storage, n) {
  const keys = await storage.keys();
  const counts = [];
  for (const k of keys) if (k.startsWith("count:")) counts.push([k.slice(6), await storage.get(k)]);
  return counts.sort((a, b) => b[1] - a[1]).slice(0, n);
}
