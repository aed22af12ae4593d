# A report of the people you talk to most (contacts.getTopPeers): once at start, then every day at 09:00.

def report():
    top = contacts.getTopPeers(correspondents=True, offset=0, limit=5, hash=0)
    names = {u.id: u.get("first_name") or str(u.id) for u in top.users}
    for category in top.categories:
        ranked = ", ".join(f"{names.get(p.peer.user_id, p.peer.user_id)} ({p.rating:g})" for p in category.peers)
        log.info(f"top {category.category._.removeprefix('topPeerCategory').lower()}: {ranked}")

report()
cron("0 9 * * *", report)
