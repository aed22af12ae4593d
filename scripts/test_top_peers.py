# Tests of top_peers.py, run offline by `bin/scriptgram test` on virtual time: three days pass in milliseconds.


def test_reports_every_morning_at_nine(t):
    before = len(t.calls("contacts.getTopPeers"))
    t.clock.advance("72h")
    assert len(t.calls("contacts.getTopPeers")) - before == 3


def test_report_names_the_top_correspondents(t):
    t.clock.advance("24h")
    assert any("top correspondents: Alice" in line for line in t.logs())
