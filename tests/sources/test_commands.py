"""The `import_article` and `poll_feeds` commands with URLs from the loopback server."""

import pytest
from django.core.management import call_command

from sources.models import Feed, Import, Source
from tests.conftest import SEED
from tests.sources.httpserver import respond

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>One</title><link>/one</link></item></channel></rss>"""


@pytest.mark.django_db
def test_import_article_imports_urls_and_files_with_a_progress_bar(
    loopback, tmp_path, capsys
):
    seed = loopback.route(
        "/seed", respond(200, SEED.read_bytes(), content_type="text/plain")
    )
    other = tmp_path / "other.txt"
    other.write_text("A second article.\n\nNobody said anything quotable here.\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import_article",
            seed + "?utm_source=x",
            str(other),
            "http://10.0.0.1/private",
            seed,
            "--progress",
        )
    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    assert "[1/4] imported: source #" in out and "with 4 claims" in out
    assert "[2/4] imported: source #" in out
    assert "[4/4] already imported: source #" in out
    assert "[3/4] error: http://10.0.0.1/private: refused: 10.0.0.1, a private" in err
    assert "[###############---------------] 2/4 50%" in err
    assert "[##############################] 4/4 100% in " in err
    assert err.rstrip().endswith("1 failed")
    assert Source.objects.count() == 2


@pytest.mark.django_db
def test_import_article_draws_no_bar_when_stderr_is_not_a_terminal(capsys):
    call_command("import_article", str(SEED), str(SEED))
    assert "[###" not in capsys.readouterr().err


@pytest.mark.django_db
def test_import_article_reports_a_refused_content_type(loopback, capsys):
    url = loopback.route(
        "/x.pdf", respond(200, b"%PDF", content_type="application/pdf")
    )
    with pytest.raises(SystemExit):
        call_command("import_article", url)
    assert "refused: content type 'application/pdf'" in capsys.readouterr().err


@pytest.mark.django_db
def test_poll_feeds_adds_a_feed_and_queues_its_entries(loopback, capsys):
    url = loopback.route("/feed.xml", respond(200, RSS, content_type="text/xml"))
    call_command("poll_feeds", "--add", url)
    out = capsys.readouterr().out
    assert f"added: {url}" in out
    assert f"{url}: 1 new entries queued for import" in out
    assert Import.objects.get().url == loopback.url("/one")
    assert Feed.objects.get().etag == ""


@pytest.mark.django_db
def test_poll_feeds_refuses_an_unsafe_feed_url(capsys):
    with pytest.raises(SystemExit):
        call_command("poll_feeds", "--add", "file:///etc/passwd")
    assert "refused: scheme 'file'" in capsys.readouterr().err
    assert Feed.objects.count() == 0
