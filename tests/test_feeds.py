"""RSS 2.0 and Atom files as input: one article per entry (title, link -> url, published/updated -> date, the
content or summary as text with its HTML stripped); a bad entry is skipped alone; nothing is fetched."""

from __future__ import annotations

import http.server
import threading

import pytest
from click.testing import CliRunner
from rdflib import DCTERMS, XSD, Dataset, Literal, URIRef

from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.feeds import html_text
from kgraph.ingest import article_id_for, iter_articles
from kgraph.iri import article_iri
from kgraph.vocab import KG

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Baltic Wire</title><link>https://balticwire.example/</link><description>News</description>
  <item>
    <title>Drones over Poland</title>
    <link>https://balticwire.example/drones</link>
    <guid>bw-drones</guid>
    <pubDate>Wed, 10 Sep 2025 07:30:00 GMT</pubDate>
    <description>&lt;p&gt;Russian drones &lt;b&gt;entered&lt;/b&gt; Polish airspace.&lt;/p&gt;&lt;p&gt;Poland
      condemned Russia.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Undated note</title>
    <link>https://balticwire.example/note</link>
    <content:encoded><![CDATA[<div>Estonia supports Ukraine.<script>alert(1)</script></div>]]></content:encoded>
  </item>
  <item><title>Bad date</title><guid>bw-bad</guid><pubDate>sometime soon</pubDate>
    <description>Russia attacked Ukraine.</description></item>
  <item><title>No text</title><guid>bw-empty</guid></item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Nordic Desk</title><id>urn:nordic</id><updated>2025-09-12T10:00:00Z</updated>
  <entry>
    <title type="html">Sanctions &lt;em&gt;again&lt;/em&gt;</title>
    <id>urn:nordic:sanctions</id>
    <link rel="alternate" href="https://nordicdesk.example/sanctions"/>
    <updated>2025-09-12T09:00:00Z</updated>
    <content type="html">&lt;p&gt;The EU sanctioned Russia.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_entries_are_articles_and_bad_entries_are_skipped_alone(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    errors: list[InputError] = []
    got = [(a.id, a.title, a.text, a.date, a.url) for a in iter_articles([path], on_error=errors.append)]
    assert got == [
        (
            "bw-drones",
            "Drones over Poland",
            "Russian drones entered Polish airspace.\nPoland condemned Russia.",
            "2025-09-10",
            "https://balticwire.example/drones",
        ),
        (
            article_id_for("https://balticwire.example/note"),  # no guid: the link names the article
            "Undated note",
            "Estonia supports Ukraine.",  # feedparser's sanitiser drops the script, html.parser the tags
            None,
            "https://balticwire.example/note",
        ),
    ]
    assert [str(e) for e in errors] == [
        f"{path}[3]: published date 'sometime soon' is not a date",
        f"{path}[4]: the entry has neither content nor summary text",
    ]


def test_an_atom_feed_builds_with_date_and_url(tmp_path):
    path = tmp_path / "nordic.atom"
    path.write_text(ATOM, encoding="utf-8")
    out = tmp_path / "g.trig"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    dataset = Dataset(default_union=True)
    dataset.parse(out, format="trig")
    article = article_iri(article_id_for("urn:nordic:sanctions"))
    assert set(dataset.objects(article, DCTERMS.title)) == {Literal("Sanctions again")}
    assert set(dataset.objects(article, DCTERMS.date)) == {Literal("2025-09-12", datatype=XSD.date)}
    assert set(dataset.objects(article, DCTERMS.source)) == {URIRef("https://nordicdesk.example/sanctions")}
    evidence = {str(o) for o in dataset.objects(None, KG.evidence)}
    assert evidence == {"The EU sanctioned Russia."}


def test_a_folder_reads_feeds_and_passes_over_an_xml_file_that_is_none(tmp_path):
    (tmp_path / "wire.xml").write_text(ATOM, encoding="utf-8")
    rdf = tmp_path / "graph.xml"
    rdf.write_text('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', encoding="utf-8")
    assert [a.title for a in iter_articles([tmp_path])] == ["Sanctions again"]
    with pytest.raises(InputError, match=r"graph\.xml: not an RSS or Atom feed"):
        list(iter_articles([rdf]))  # named on the command line, it must be a feed


def test_build_of_a_file_that_is_no_feed_says_so_in_one_line(tmp_path):
    path = tmp_path / "odd.rss"
    path.write_text("Russia attacked Ukraine.", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "g.trig")])
    assert result.exit_code == 1
    warning, error = result.stderr.splitlines()
    assert warning.startswith(f"Warning: skipped {path}: not an RSS or Atom feed")
    assert error == "Error: no article could be read; nothing written"


def test_reading_a_feed_fetches_nothing(tmp_path):
    """An external entity and an xml:base pointing at a server on 127.0.0.1: the server hears no request."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<p>Fetched text</p>")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        feed = RSS.replace(
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [<!ENTITY ext SYSTEM "{base}/entity">]>',
        ).replace("<title>Baltic Wire</title>", f'<title xml:base="{base}/">Baltic Wire &ext;</title>')
        path = tmp_path / "wire.rss"
        path.write_text(feed, encoding="utf-8")
        articles = list(iter_articles([path], on_error=lambda e: None))
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []
    assert "Fetched" not in " ".join(a.text for a in articles)


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\nTwo & three."),
        ("a<br>b", "a\nb"),
        ("  spaced   <i>out</i>  ", "spaced out"),
        ("x &lt;b&gt; y", "x <b> y"),  # an escaped tag is text
        ("", ""),
    ],
)
def test_html_text(fragment, text):
    assert html_text(fragment) == text
