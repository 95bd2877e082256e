"""Evidence captured from the work: `competency-hub evidence from-git` and `evidence from-csv`.

Real git repositories are made in tmp_path with real commits (names and dates set through git's own
environment variables); the progress file written is checked against the published JSON Schema
(schemas/progress.schema.json) and, once, imported on the starter hub's progress page in Chromium.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from browser import WatchedPage, serious_axe_violations, serve_directory
from competency_hub.model.progress import Progress
from hub import REPO, BuildResult, copy_hub, edit, run
from jsonschema import Draft202012Validator
from learner_js import ready

SCHEMA = json.loads((REPO / "schemas" / "progress.schema.json").read_text(encoding="utf-8"))
ANA = "ana.okafor@northwind.example"
BEN = "ben.hale@northwind.example"

GOOD = """Split the checkout refactor into three pull requests

Each one is reviewable in under 20 minutes; comments labelled
blocking / suggestion / question.

Practised: software-delivery/code-review@independent
Challenge: review-with-labelled-comments
Evidence: https://git.northwind.example/shop/pulls/412
Signed-off-by: Ana Okafor <ana.okafor@northwind.example>
"""


def git(repo: Path, *args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True, env=env, timeout=60)
    return done.stdout.decode("utf-8")


def make_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main", env=_env(path, ANA, "2026-01-01T00:00:00+00:00"))
    return path


def _env(repo: Path, email: str, committed: str, authored: str | None = None) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": email.split("@")[0],
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": email.split("@")[0],
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": authored or committed,
        "GIT_COMMITTER_DATE": committed,
    }


def commit(repo: Path, message: str, *, email: str = ANA, committed: str = "2026-11-03T10:15:00+01:00", authored: str | None = None) -> str:
    """A real commit whose message is exactly `message` (read from stdin, so any byte but NUL goes in)."""
    env = _env(repo, email, committed, authored)
    git(repo, "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", "-", env=env, stdin=message.encode("utf-8"))
    return git(repo, "rev-parse", "HEAD").strip()


def from_git(capsys: pytest.CaptureFixture[str], *argv: str, hub: Path = REPO) -> tuple[int, str, str]:
    return run(capsys, "evidence", "from-git", "--hub", str(hub), *argv)


def valid(document: dict) -> dict:
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []
    Progress.model_validate(document)
    return document


# -- git ----------------------------------------------------------------------------------------------


def test_trailers_make_a_progress_file_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "shop")
    sha = commit(repo, GOOD, committed="2026-11-03T10:15:00+01:00", authored="2026-10-30T08:00:00+01:00")
    commit(repo, "Tidy imports\n")  # no trailer: not read
    out = tmp_path / "progress-from-git.json"
    status, stdout, err = from_git(capsys, str(repo), "--output", str(out))
    assert status == 0, err
    assert stdout == "" and "1 challenge(s) done, 1 level(s) practised" in err
    document = valid(json.loads(out.read_text(encoding="utf-8")))
    assert document["format"] == "competency-hub-progress" and document["version"] == 2
    assert document["hub"] == "Northwind Learning Hub" and "exported" not in document
    assert document["challenges"] == {
        "review-with-labelled-comments": {
            "completed": "2026-11-03T09:15:00.000Z",  # the committer date in UTC, not the author date
            "note": f"Recorded from git, commit {sha[:12]}.",
            "evidence": "https://git.northwind.example/shop/pulls/412",
            "updated": "2026-11-03T09:15:00.000Z",
        }
    }
    assert document["levels"] == {
        "software-delivery/code-review": [
            {"level": "independent", "at": "2026-11-03T09:15:00.000Z", "by": "self", "name": "",
             "evidence": "https://git.northwind.example/shop/pulls/412"}
        ]
    }
    # a second run writes the same bytes: nothing in the file comes from the clock
    again = tmp_path / "again.json"
    assert from_git(capsys, str(repo), "-o", str(again))[0] == 0
    assert again.read_bytes() == out.read_bytes()


def test_a_level_without_a_link_keeps_its_provenance_and_challenges_keep_the_first_completion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "safety-notes")
    first = commit(repo, "Near-miss write-up for bay 4\n\nChallenge: write-up-a-near-miss-in-safelog\n", committed="2026-10-01T07:00:00+00:00")
    second = commit(repo, "Second near-miss, racking\n\nChallenge: write-up-a-near-miss-in-safelog\nEvidence: <https://safelog.northwind.example/reports/2231>\n"
                    "Practiced: workplace-safety/hazard-reporting@assisted\n", committed="2026-10-08T07:00:00+00:00")
    status, stdout, err = from_git(capsys, str(repo))
    assert status == 0, err
    document = valid(json.loads(stdout))
    entry = document["challenges"]["write-up-a-near-miss-in-safelog"]
    assert entry["completed"] == "2026-10-01T07:00:00.000Z"
    assert entry["evidence"] == "https://safelog.northwind.example/reports/2231"
    assert entry["note"] == f"Recorded from git, commit {first[:12]}; from git, commit {second[:12]}."
    assert document["levels"]["workplace-safety/hazard-reporting"][0]["level"] == "assisted"  # 'Practiced' is read too


def test_unknown_ids_are_named_with_the_commit_and_a_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "shop")
    sha = commit(repo, "Review\n\nPractised: software-delivery/code-reviews@independent\nPractised: software-delivery/code-review@independant\n"
                 "Practised: softwre-delivery/code-review@independent\nChallenge: review-with-labeled-comments\n" + GOOD.split("\n\n")[-1])
    out = tmp_path / "p.json"
    status, _, err = from_git(capsys, str(repo), "-o", str(out))
    short = sha[:12]
    assert status == 1  # errors reported; the file still holds what was valid
    lines = err.splitlines()
    assert f"shop@{short}:3:1: error: HUB955 from git, commit {short}: 'Practised: software-delivery/code-reviews@independent': map 'software-delivery' has no capability 'code-reviews'; skipped (did you mean 'code-review'?)" in lines
    assert any(f"shop@{short}:4:1: error: HUB955" in line and "'independant' is not a level of map 'software-delivery'" in line and "did you mean 'independent'?" in line for line in lines)
    assert any(f"shop@{short}:5:1: error: HUB955" in line and "no map 'softwre-delivery'" in line and "did you mean 'software-delivery'?" in line for line in lines)
    assert any(f"shop@{short}:6:1: error: HUB955" in line and "no challenge 'review-with-labeled-comments'" in line and "did you mean 'review-with-labelled-comments'?" in line for line in lines)
    document = valid(json.loads(out.read_text(encoding="utf-8")))
    assert list(document["challenges"]) == ["review-with-labelled-comments"]
    assert [r["level"] for r in document["levels"]["software-delivery/code-review"]] == ["independent"]


HOSTILE = [
    ("Evidence: javascript:alert(document.cookie)", "HUB957", "'javascript:'; only http:// and https:// links"),
    ("Evidence: data:text/html,<b>x</b>", "HUB957", "HTML or quote characters"),
    ("Evidence: file:///etc/passwd", "HUB957", "'file:'"),
    ("Evidence: https://user:secret@git.northwind.example/x", "HUB957", "user name or password"),
    ("Evidence: https://git.northwind.example/\x1b[31mred", "HUB957", "control character U+001B"),
    ("Challenge: <img src=x onerror=alert(1)>", "HUB957", "HTML or quote characters"),
    ("Practised: software-delivery/code-review@independent\u202e", "HUB957", "control character U+202E"),
    ("Evidence: https://git.northwind.example/" + "a" * 5000, "HUB957", "characters long; at most 2000"),
    ("Challenge: " + "x" * 300, "HUB957", "characters long; at most 200"),
    ("Practised: code-review", "HUB956", "is not 'map/capability@level'"),
    ("Practised: software-delivery/code-review", "HUB956", "is not 'map/capability@level'"),
    ("Challenge: Review With Labels", "HUB956", "is not a challenge id"),
    ("Practise: software-delivery/code-review@assisted", "HUB956", "unknown trailer 'Practise'; skipped (did you mean 'Practised'?)"),
]


def test_malformed_and_hostile_trailers_are_reported_and_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "shop")
    shas = []
    for number, (trailer, _, _) in enumerate(HOSTILE):
        shas.append(commit(repo, f"Change {number}\n\n{trailer}\nChallenge: write-a-rollback-plan\n", committed=f"2026-11-{number + 1:02d}T09:00:00+00:00"))
    out = tmp_path / "p.json"
    status, _, err = from_git(capsys, str(repo), "-o", str(out))
    assert status == 0, err  # warnings only: everything hostile was skipped
    assert "Traceback" not in err and "\x1b" not in err and "\u202e" not in err
    lines = err.splitlines()
    for sha, (trailer, code, words) in zip(shas, HOSTILE):
        mine = [line for line in lines if line.startswith(f"shop@{sha[:12]}:3:1: warning: {code} from git, commit {sha[:12]}:")]
        assert len(mine) == 1 and words in mine[0], (trailer[:60], lines)
        assert len(mine[0]) < 400
    text = out.read_text(encoding="utf-8")
    document = valid(json.loads(text))
    for bad in ("javascript", "data:", "file:", "secret", "<", "\\u001b", "\u202e", "onerror"):
        assert bad not in text
    assert list(document["challenges"]) == ["write-a-rollback-plan"] and document["levels"] == {}
    assert document["challenges"]["write-a-rollback-plan"]["evidence"] == ""


def test_only_the_last_paragraph_holds_trailers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "shop")
    commit(repo, "Notes on review practice\n\nPractised: software-delivery/code-review@adaptive\nis what I want to try next month.\n\n"
           "The rest of this message is prose, not trailers.\n")
    status, stdout, err = from_git(capsys, str(repo))
    assert status == 1 and stdout == ""
    assert "no Practised or Challenge trailer of this hub found" in err and "no progress file written" in err


def test_author_and_since_filters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "shop")
    commit(repo, "Old rollback plan\n\nChallenge: write-a-rollback-plan\n", email=ANA, committed="2026-09-30T23:30:00+00:00")
    commit(repo, "Rollback drill\n\nChallenge: run-a-rollback-drill\n", email=ANA, committed="2026-10-01T00:30:00+02:00",
           authored="2026-10-05T12:00:00+00:00")  # committed 2026-09-30T22:30Z: before --since, whatever the author date
    commit(repo, "ADR\n\nChallenge: write-a-one-page-adr\n", email=ANA.upper(), committed="2026-10-02T09:00:00+00:00")
    commit(repo, "Failing test first\n\nChallenge: reproduce-a-bug-in-a-failing-test\n", email=BEN, committed="2026-10-03T09:00:00+00:00")
    status, stdout, err = from_git(capsys, str(repo), "--author", ANA, "--since", "2026-10-01")
    assert status == 0, err
    assert list(json.loads(stdout)["challenges"]) == ["write-a-one-page-adr"]
    status, stdout, err = from_git(capsys, str(repo), "--since", "2026-09-30T23:00:00Z")
    assert status == 0, err
    assert sorted(json.loads(stdout)["challenges"]) == ["reproduce-a-bug-in-a-failing-test", "write-a-one-page-adr", "write-a-rollback-plan"]
    status, stdout, err = from_git(capsys, str(repo), "--author", BEN)
    assert list(json.loads(stdout)["challenges"]) == ["reproduce-a-bug-in-a-failing-test"]


@pytest.mark.parametrize("since", ["last week", "yesterday", "2026-13-01", "2026-11-01T10:00", "01/11/2026", "2026-11-01 junk", ""])
def test_since_is_parsed_strictly(since: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "shop")
    commit(repo, GOOD)
    status, stdout, err = from_git(capsys, str(repo), "--since", since)
    assert status == 2 and stdout == ""
    assert "is not a date: give YYYY-MM-DD" in err


def test_several_repositories_and_one_that_is_not(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shop, infra, plain = make_repo(tmp_path / "shop"), make_repo(tmp_path / "infra"), tmp_path / "plain"
    plain.mkdir()
    commit(shop, GOOD)
    commit(infra, "Game day\n\nChallenge: lead-a-game-day-incident\nEvidence: https://wiki.northwind.example/gameday/2026-11\n")
    make_repo(tmp_path / "empty")
    status, stdout, err = from_git(capsys, str(shop), str(infra), str(tmp_path / "empty"), str(plain))
    assert status == 1
    assert f"{plain}:1:1: error: HUB958 not a git repository (or git cannot read it)" in err.splitlines()
    assert sorted(json.loads(stdout)["challenges"]) == ["lead-a-game-day-incident", "review-with-labelled-comments"]


def test_a_renamed_challenge_is_recorded_under_its_new_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hub = copy_hub(tmp_path / "hub")
    edit(hub, "challenges/tag-ten-tickets.md", "id: tag-ten-tickets\n", "id: tag-ten-tickets\nrenamed_from: [tag-tickets]\n")
    repo = make_repo(tmp_path / "queue")
    sha = commit(repo, "Queue\n\nChallenge: tag-tickets\nPractised: support/triage@assisted\n")
    status, stdout, err = from_git(capsys, str(repo), hub=hub)
    assert status == 0, err
    assert f"queue@{sha[:12]}:3:1: warning: HUB959" in err and "recorded as 'tag-ten-tickets'" in err
    document = valid(json.loads(stdout))
    assert list(document["challenges"]) == ["tag-ten-tickets"] and document["hub"] == "Test hub"


# -- CSV exports of ticketing tools ------------------------------------------------------------------------

JIRA = (
    "Issue key,Summary,Assignee,Assignee email,Resolved,Comment,Comment\n"
    "NW-118,Refund macro rewrite,Ana Okafor,ana.okafor@northwind.example,04/Mar/26 10:30 AM,"
    "\"04/Mar/26 9:00 AM;aokafor;Rewrote the macro with the customer's own words.\","
    "\"04/Mar/26 10:29 AM;aokafor;Practised: customer-conversations/follow-up-email@independent\nChallenge: send-follow-up-within-a-day\"\n"
    "NW-119,Escalation call,Ben Hale,ben.hale@northwind.example,05/Mar/26 02:00 PM,\"05/Mar/26 1:00 PM;bhale;Challenge: first-two-minutes-upset-call\",\n"
    "NW-120,No trailer here,Ana Okafor,ana.okafor@northwind.example,06/Mar/26 11:00 AM,Just a comment,\n"
    "NW-121,Bad date,Ana Okafor,ana.okafor@northwind.example,next Tuesday,Challenge: crm-note-colleague-can-act-on,\n"
    "NW-122,Hostile,Ana Okafor,ana.okafor@northwind.example,07/Mar/26 11:00 AM,\"Challenge: crm-note-colleague-can-act-on\nEvidence: javascript:alert(1)\",\n"
)
JIRA_COLUMNS = ["--column", "key=Issue key", "--column", "assignee_email=Assignee email", "--column", "resolved=Resolved", "--column", "comment=Comment"]


def test_a_jira_export_with_mapped_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "jira.csv"
    export.write_text(JIRA, encoding="utf-8")
    out = tmp_path / "p.json"
    status, _, err = run(capsys, "evidence", "from-csv", str(export), "--hub", str(REPO), *JIRA_COLUMNS,
                         "--link-template", "https://jira.northwind.example/browse/{key}", "--assignee", ANA, "-o", str(out))
    assert status == 0, err
    lines = err.splitlines()
    assert any(line.startswith(f"{export}:6:1: warning: HUB960 from jira.csv, line 6, NW-121: resolved 'next Tuesday'") for line in lines)
    assert any(line.startswith(f"{export}:8:1: warning: HUB957 from jira.csv, line 7, NW-122: 'Evidence: javascript:alert(1)'") for line in lines), lines
    document = valid(json.loads(out.read_text(encoding="utf-8")))
    assert document["challenges"]["send-follow-up-within-a-day"] == {
        "completed": "2026-03-04T10:30:00.000Z",
        "note": "Recorded from jira.csv, line 2, NW-118.",
        "evidence": "https://jira.northwind.example/browse/NW-118",
        "updated": "2026-03-04T10:30:00.000Z",
    }
    assert document["challenges"]["crm-note-colleague-can-act-on"]["evidence"] == ""  # its only link was hostile
    assert "first-two-minutes-upset-call" not in document["challenges"]  # Ben's ticket
    assert document["levels"]["customer-conversations/follow-up-email"][0]["evidence"] == "https://jira.northwind.example/browse/NW-118"


def test_a_servicenow_export_and_the_default_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snow = tmp_path / "incident.csv"
    snow.write_text(
        "number,assigned_to.email,resolved_at,comments_and_work_notes\r\n"
        "INC0010042,ana.okafor@northwind.example,2026-02-10 16:45:00,\"2026-02-10 16:40:00 - Ana Okafor (Work notes)\r\nLocked out conveyor 3 with a second-person check.\r\n"
        "Challenge: second-person-check-on-your-lockout\r\nPractised: workplace-safety/lockout-tagout@assisted\"\r\n",
        encoding="utf-8",
    )
    status, stdout, err = run(capsys, "evidence", "from-csv", str(snow), "--hub", str(REPO), "--column", "key=number",
                              "--column", "assignee_email=assigned_to.email", "--column", "resolved=resolved_at",
                              "--column", "comment=comments_and_work_notes", "--since", "2026-02-01")
    assert status == 0, err
    document = valid(json.loads(stdout))
    assert document["challenges"]["second-person-check-on-your-lockout"]["completed"] == "2026-02-10T16:45:00.000Z"
    assert document["challenges"]["second-person-check-on-your-lockout"]["note"] == "Recorded from incident.csv, line 2, INC0010042."
    plain = tmp_path / "tickets.csv"
    plain.write_text("key,url,assignee_email,resolved,comment\nT-1,https://tickets.northwind.example/T-1,ana@x.example,2026-02-11T09:00:00+01:00,"
                     "Challenge: walk-conveyor-isolation-points\n", encoding="utf-8")
    status, stdout, err = run(capsys, "evidence", "from-csv", str(plain), "--hub", str(REPO))
    assert status == 0, err
    entry = valid(json.loads(stdout))["challenges"]["walk-conveyor-isolation-points"]
    assert entry["evidence"] == "https://tickets.northwind.example/T-1" and entry["completed"] == "2026-02-11T08:00:00.000Z"


def test_a_csv_without_the_needed_columns_is_refused_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "incident.csv"
    export.write_text("number,resolved_at,comments\nINC1,2026-02-10 16:45:00,Challenge: write-a-rollback-plan\n", encoding="utf-8")
    status, stdout, err = run(capsys, "evidence", "from-csv", str(export), "--hub", str(REPO))
    assert status == 1 and stdout == ""
    assert (f"{export}:1:1: error: HUB958 no column 'resolved' for resolved (did you mean 'resolved_at'?); "
            "no column 'comment' for comment (did you mean 'comments'?): map a header with --column resolved=HEADER") in err.splitlines()
    status, _, err = run(capsys, "evidence", "from-csv", str(export), "--hub", str(REPO), "--column", "comment")
    assert status == 2 and "is not NAME=HEADER" in err


def test_hostile_csv_files_are_reported_not_crashed_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text("key,resolved,comment\nT-1,2026-02-11,Challenge: write-a-rollback-plan\nT-2,2026-02-12,\"" + "x" * 200_000 + "\"\n", encoding="utf-8")
    status, stdout, err = run(capsys, "evidence", "from-csv", str(huge), "--hub", str(REPO))
    assert status == 1 and "Traceback" not in err
    assert any(line.startswith(f"{huge}:3:1: error: HUB958 the CSV cannot be read past this line") for line in err.splitlines()), err
    assert list(json.loads(stdout)["challenges"]) == ["write-a-rollback-plan"]  # the rows before it are kept
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("key,resolved,comment\nT-3,2026-02-13,\"Caf\u00e9 queue\nChallenge: write-a-one-page-adr\"\n".encode("cp1252"))
    status, stdout, err = run(capsys, "evidence", "from-csv", str(legacy), "--hub", str(REPO))
    assert status == 0, err
    assert list(json.loads(stdout)["challenges"]) == ["write-a-one-page-adr"]
    status, stdout, err = run(capsys, "evidence", "from-csv", str(tmp_path / "missing.csv"), "--hub", str(REPO))
    assert status == 1 and stdout == "" and f"{tmp_path / 'missing.csv'}:1:1: error: HUB958 cannot be read" in err


# -- in the browser ------------------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.browser
def test_the_file_imports_on_the_starter_hubs_progress_page(starter_build: BuildResult, tab: WatchedPage, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert starter_build.returncode == 0, starter_build.output
    repo = make_repo(tmp_path / "shop")
    commit(repo, GOOD)
    out = tmp_path / "progress-from-git.json"
    status, _, err = from_git(capsys, str(repo), "-o", str(out))
    assert status == 0, err
    page = tab.page
    with serve_directory(starter_build.site) as base:
        page.goto(base + "progress/")
        ready(page, "progress")
        page.set_input_files('[data-hub-action="import"]', str(out))
        page.wait_for_selector('[data-hub-import="merged"]')
        assert "Marked done:" in page.inner_text('[data-hub-slot="report"]')
        item = page.locator('[data-hub-challenge="review-with-labelled-comments"]')
        assert "Recorded from git, commit" in item.inner_text()
        assert item.locator('a[href="https://git.northwind.example/shop/pulls/412"]').count() == 1
        page.goto(base + "challenges/review-with-labelled-comments/")
        ready(page, "challenge")
        assert page.get_attribute('[data-hub-action="complete"]', "aria-pressed") == "true"
        assert "Done on November 3, 2026" in page.inner_text('[data-hub-slot="status"]')
        page.goto(base + "guide/evidence-from-work/")  # the guide: no serious accessibility problem
        assert page.locator("h1").inner_text().startswith("Evidence from your work")
        assert serious_axe_violations(page) == []
