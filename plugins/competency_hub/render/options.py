"""How the hub is rendered: the options of one build, built from the plugin's configuration."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class StoryOptions:
    per_page: int = 20
    """Stories per page of the library list (without JavaScript)."""
    on_capability_page: int = 5
    """Stories shown on a capability page before the link to all of them."""
    index_max_capabilities: int = 100
    """Up to this many capabilities in the hub, the library's `#by-capability` lists each one under its
    map; above it, only the maps, each linking to its page of capabilities (/stories/maps/<map>/)."""
    feed_limit: int = 50
    """Newest stories in the feed."""
    site_url: str = ""
    data_scripts: bool = False
    """Whether the finder's data files also get classic-script twins (`<name>.js`, render/classic_bundle.py);
    True in a file-share build, where the finder's bundle reads them because fetch() reads no file:// file."""


@dataclass(frozen=True)
class RenderOptions:
    site_name: str = "Learning hub"
    use_directory_urls: bool = True
    templates_dir: Path | None = None
    """A folder whose templates override the packaged ones of the same name."""
    graph_max_capabilities: int = 80
    """Above this many capabilities a map shows its graph as text only, to keep the page small."""
    learner: bool = True
    """Publish the learner tools: progress, review and plan pages, and the controls on challenge pages."""
    site_url: str | None = None
    """The published address, when mkdocs.yml gives one: feeds then carry absolute links."""
    exports_page: str | None = None
    """Source path of the data exports page when the site has one; map pages then link to it."""
    challenges_index_max: int = 300
    """Up to this many challenges, /challenges/ lists them all; above it, each map's are on
    /challenges/by-map/<map>/ and /challenges/ links to those pages, keeping every anchor."""
    nav_max_entries: int = 12
    """Above this many maps (or paths), the navigation lists "All maps" ("All paths") alone: the
    navigation is on every page, so 40 maps in it would add 30 KB to each of 14,000 pages."""
    home_intro: str | None = None
    """Markdown that replaces the home page's introduction (the text of the `home_intro` option's file)."""
    stories: StoryOptions = field(default_factory=StoryOptions)
    """Pagination, capability-page and feed limits of the story library."""
    build_moment: datetime.datetime | None = None
    """The moment the build is dated with (clock.py `build_moment`: SOURCE_DATE_EPOCH, else the commit's
    time): community pages list the occurrences from its day on, and calendar feeds carry it as DTSTAMP.
    None (a core render without a build): no upcoming occurrences are listed."""
    communities_upcoming: int = 3
    """Next occurrences of each ritual listed on a community's page."""
    job_aids_base_url: str | None = None
    """Base of the absolute addresses that job aid posters' QR codes open (`job_aids_base_url`, else
    `site_url`); None: posters show the address from the site's root instead (HUB427)."""
    captions_tracks: bool = True
    """Whether videos load their captions as a `<track>`; False in a file-share build, where browsers refuse a
    track from file:// (pages then point to the captions file and the transcript)."""
    job_aids_script: bool = True
    """Whether job aid embeds load the checklist script; False in a file-share build (browsers load no
    ES module from file://), where checklists stay readable, printable lists."""
    learner_data_scripts: bool = False
    """Whether each learner data file also gets a classic-script twin (`<name>.js`, render/classic_bundle.py);
    True in a file-share build, where the learner tools' bundle reads them because fetch() reads no file:// file."""
    keep_pages: bool = False
    """Whether another build follows in the same process (`mkdocs serve`): pages whose inputs did not
    change are then taken from the build before (`PageRenderer.render_kept`)."""
    learner_clr: dict | None = None
    """What the progress page's learner record (CLR 2.0 draft) needs from the hub (exports/clr.py
    `clr_catalogue`), published as clr-data.json beside learner-data.json; None publishes nothing."""

    @property
    def build_date(self) -> datetime.date | None:
        """The build date, the (UTC) day of `build_moment`: the standup feeds schedule their items from it; None
        publishes no standup feed (a core render without a build)."""
        return self.build_moment.date() if self.build_moment else None
