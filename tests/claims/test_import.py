"""Importing articles: the seed through a real worker, and bad input refused."""

import pytest
from django.core.management import call_command
from django.db import transaction

from claims.models import Claim, Speaker
from sources import services as source_services
from sources.models import Import, Source
from tests.conftest import SEED, wait_for

SEED_SPEAKERS = ["Matthew Miller", "John Kirby", "Evan Medeiros", "Evan Medeiros"]


def claims_of(source: Source) -> list[tuple[str, str]]:
    return [
        (c.speaker.name if c.speaker else None, c.quote)
        for c in source.claims.select_related("speaker").order_by("start")
    ]


def test_the_seed_imported_through_a_real_worker_gives_four_pending_claims(
    celery_worker_process, seed_text, editor
):
    with transaction.atomic():
        job = source_services.request_import(
            kind="text", text=seed_text, requested_by=editor
        )

    def four_claims():
        return Claim.objects.count() == 4

    wait_for(four_claims, timeout=60)
    job.refresh_from_db()
    assert job.state == Import.State.DONE and not job.duplicate
    source = Source.objects.get()
    assert [name for name, _ in claims_of(source)] == SEED_SPEAKERS
    assert set(Claim.objects.values_list("status", flat=True)) == {"pending"}
    for claim in source.claims.all():
        assert source.text[claim.start : claim.end] == claim.quote

    # The same article again: the job finishes as a duplicate and nothing is new.
    with transaction.atomic():
        again = source_services.request_import(kind="text", text=seed_text)

    def second_job_done():
        again.refresh_from_db()
        return again.state == Import.State.DONE

    wait_for(second_job_done, timeout=60)
    assert again.duplicate and again.source_id == source.pk
    assert (Source.objects.count(), Claim.objects.count(), Speaker.objects.count()) == (
        1,
        4,
        3,
    )


@pytest.mark.django_db
def test_import_article_command_imports_the_seed_once(capsys):
    call_command("import_article", str(SEED))
    out = capsys.readouterr().out
    assert "imported: source #" in out and "with 4 claims" in out
    assert "Matthew Miller: “It is incredibly concerning”" in out
    call_command("import_article", str(SEED))
    assert "already imported" in capsys.readouterr().out
    assert (Source.objects.count(), Claim.objects.count()) == (1, 4)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        ('"Café au lait," he said.'.encode("latin-1"), "not UTF-8"),
    ],
    ids=["empty", "blank", "binary", "latin-1"],
)
def test_bad_files_give_a_one_line_error_and_create_nothing(
    tmp_path, capsys, content, message
):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_article", str(path))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {path}: ") and message in err
    assert (Source.objects.count(), Claim.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_missing_file_is_reported_and_the_others_still_import(tmp_path, capsys):
    with pytest.raises(SystemExit):
        call_command("import_article", str(tmp_path / "nope.txt"), str(SEED))
    captured = capsys.readouterr()
    assert "nope.txt: no such file" in captured.err
    assert "with 4 claims" in captured.out


@pytest.mark.django_db
def test_seed_demo_twice_keeps_the_demo_logins(monkeypatch, capsys):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("FACTCHECK_DEMO_PASSWORD", "a-demo-password-1")
    call_command("seed_demo")
    first = get_user_model().objects.get(username="editor").password
    call_command("seed_demo")
    editor = get_user_model().objects.get(username="editor")
    assert editor.password == first  # same hash: sessions stay valid
    assert editor.check_password("a-demo-password-1")
    assert editor.groups.filter(name="editor").exists()
    assert (Source.objects.count(), Claim.objects.count()) == (1, 4)
    assert "a-demo-password-1" in capsys.readouterr().out
