"""The trust boundary for what contributors write: the HTML sanitiser and the story-body scanner.

Content arrives by pull request from anyone; `sanitise.py` states the threat model and cleans HTML,
`story_body.py` finds the Markdown constructs (includes, raw HTML, code spans) the rules act on.
"""
