"""The learner tools: progress, review, plan and team pages, the data their scripts read, and the scripts.

Everything runs in the learner's browser: no accounts, no server. At build time the hub only
publishes what the scripts need to read: a compact catalogue of challenges, capabilities and paths
(`learner-data.json`, read by the progress, review and plan pages, never by every page), and one
small file of recall prompts per challenge (fetched only for the prompts due).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..load import Hub
from ..load.index import HubIndex, parse_ref
from . import urls
from .classic_bundle import data_script
from .output import GeneratedFile, NavItem, RenderedSite
from .pages import PageRenderer

DATA = urls.learner_asset("learner-data.json")
CLR_DATA = urls.learner_asset("clr-data.json")

DATA_VERSION = 1
"""Version of the layout of learner-data.json, for the scripts."""


def recall_file(challenge_id: str) -> str:
    return urls.learner_asset(f"recall/{challenge_id}.json")


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def learner_data(
    hub: Hub, index: HubIndex, *, site_name: str, use_directory_urls: bool
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The catalogue the scripts read, and the recall prompts of each challenge (by challenge id).

    Keys are short but readable; texts are content as written (inline Markdown, which the scripts
    render as a small safe subset). Page addresses are patterns relative to the site root, so the
    catalogue does not repeat a URL per challenge.
    """
    def pattern(src: str) -> str:
        return urls.page_url(src, use_directory_urls)

    maps = {
        entry.model.id: {
            "title": entry.model.title,
            "scale": [[level.id, level.name] for level in entry.model.scale],
        }
        for entry in sorted(hub.maps.values(), key=lambda e: e.model.title.casefold())
    }
    capabilities: dict[str, Any] = {}
    for key, (entry, _, capability) in index.capabilities.items():
        related = set()
        for ref in [*capability.related, *capability.prerequisites]:
            other = parse_ref(ref, entry.model.id)
            if other is not None and other in index.capabilities and other != key:
                related.add(str(other))
        capabilities[str(key)] = {"title": capability.title, "related": sorted(related)}
    challenges: dict[str, Any] = {}
    prerequisites: dict[str, list[str]] = {}
    recall: dict[str, dict[str, Any]] = {}
    for challenge_id, challenge in sorted(hub.challenges.items()):
        model = challenge.model
        key = parse_ref(model.capability, None)
        challenges[challenge_id] = {
            "title": model.title,
            "minutes": model.time_box,
            "capability": str(key) if key is not None else None,
            "level": model.level,
            "recall": [item.id for item in model.recall],
        }
        if model.prerequisites:  # only challenges that have some: the catalogue stays small
            prerequisites[challenge_id] = list(model.prerequisites)
        recall[challenge_id] = {
            "challenge": challenge_id,
            "recall": [{"id": item.id, "prompt": item.prompt, "answer": item.answer} for item in model.recall],
        }
    paths = [
        {"id": path.model.id, "title": path.model.title, "map": path.map.model.id, "steps": list(path.model.steps)}
        for path in sorted(index.paths.values(), key=lambda p: p.model.title.casefold())
    ]
    # Each path's milestones, for the path page's journey and the progress page (by path id).
    milestones = {
        path.model.id: [
            {
                "id": milestone.id,
                "title": milestone.title,
                "after": milestone.after,
                "capability": str(key) if (key := parse_ref(milestone.capability, path.map.model.id)) is not None else None,
                "level": milestone.level,
                "mandatory": milestone.mandatory,
            }
            for milestone in path.model.milestones
        ]
        for path in sorted(index.paths.values(), key=lambda p: p.model.id)
        if path.model.milestones
    }
    data = {
        "version": DATA_VERSION,
        "hub": site_name,
        "pages": {
            "challenge": pattern(urls.challenge_page("{id}")),
            "capability": pattern(urls.capability_page("{map}", "{capability}")),
            "path": pattern(urls.path_page("{id}")),
            "progress": pattern(urls.progress_page()),
            "review": pattern(urls.review_page()),
            "plan": pattern(urls.plan_page()),
            "team": pattern(urls.team_page()),
            "recall": recall_file("{id}"),
        },
        "maps": maps,
        "capabilities": dict(sorted(capabilities.items())),
        "challenges": challenges,
        "paths": paths,
        "milestones": milestones,
        "prerequisites": prerequisites,
    }
    return data, recall


def add_learner_tools(
    hub: Hub,
    index: HubIndex,
    pages: PageRenderer,
    site: RenderedSite,
    *,
    clr: dict[str, Any] | None = None,
    data_scripts: bool = False,
) -> None:
    """Adds the progress, review, plan and team pages, their data, and a nav section (the plugin publishes
    the scripts and styles, packaged.learner_files()). `clr`, when given, is published as clr-data.json
    for the progress page's learner record (read only when the learner asks for one). With `data_scripts`
    (the file-share copy), every data file also gets its classic-script twin (classic_bundle.data_script)."""
    data, recall = learner_data(hub, index, site_name=pages.site_name, use_directory_urls=pages.use_directory_urls)

    def publish(src_uri: str, value: Any, content: bytes) -> None:
        site.files.append(GeneratedFile(src_uri, content=content))
        if data_scripts:
            key = src_uri.removeprefix(f"{urls.SITE_FOLDER}/")
            site.files.append(GeneratedFile(src_uri.removesuffix(".json") + ".js", content=data_script(key, value)))

    if clr is not None:
        data["pages"]["clr"] = CLR_DATA
        publish(CLR_DATA, clr, _json(clr))
    data_bytes = _json(data)
    recall_bytes = {challenge_id: _json(prompts) for challenge_id, prompts in recall.items()}
    digest = hashlib.sha256(data_bytes)
    for challenge_id in sorted(recall_bytes):
        digest.update(recall_bytes[challenge_id])
    # The pages ask for the data with ?v=<digest>, so a browser never pairs a cached old catalogue
    # with new pages after the hub is rebuilt.
    version = digest.hexdigest()[:12]

    publish(DATA, data, data_bytes)
    for challenge_id, content in recall_bytes.items():
        publish(recall_file(challenge_id), recall[challenge_id], content)

    for template, src_uri in (
        ("learner/progress.md.j2", urls.progress_page()),
        ("learner/review.md.j2", urls.review_page()),
        ("learner/plan.md.j2", urls.plan_page()),
        ("learner/team.md.j2", urls.team_page()),
    ):
        data_url = urls.href(src_uri, DATA, pages.use_directory_urls) + f"?v={version}"
        site.pages.append(pages.render_page(template, src_uri, data_url=data_url))

    site.nav.append(
        NavItem(
            "My learning",
            children=[
                NavItem("Progress", urls.progress_page()),
                NavItem("Review", urls.review_page()),
                NavItem("Practice plan", urls.plan_page()),
                NavItem("Team view", urls.team_page()),
            ],
        )
    )
