"""A small hub with two job aids (a checklist and a script), for the job aid build and browser tests."""

from __future__ import annotations

from pathlib import Path

from hub import copy_hub, edit

SITE_URL = "https://learning.example.org/hub/"

CHECKLIST = """---
title: Triage checklist & more
kind: checklist
supports:
  - capability: support/triage
    levels: [independent]
owner: Support team leads
summary: What to check before a ticket leaves the queue.
---

Work through it <b>before</b> you close the ticket.

- [ ] The ticket has a product tag.
- [ ] The priority follows the customer's <em>contract</em>.
- [x] The customer got a first reply.

<details><summary>Why</summary>Untagged tickets are lost.</details>
"""

SCRIPT = """---
title: Refund call script
kind: script
supports:
  - capability: billing/refunds
owner: Billing desk
summary: Words for a refund call.
---

> "I can see the double charge on your March invoice."
"""


def job_aid_hub(root_parent: Path, *, site_url: str | None) -> Path:
    root = copy_hub(root_parent)
    folder = root / "job-aids"
    folder.mkdir()
    (folder / "triage-checklist.md").write_text(CHECKLIST, encoding="utf-8")
    (folder / "refund-script.md").write_text(SCRIPT, encoding="utf-8")
    if site_url:
        edit(root, "mkdocs.yml", "site_name: Test hub\n", f"site_name: Test hub\nsite_url: {site_url}\n")
    return root
