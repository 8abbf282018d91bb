"""deploy/README.md's production checklist names every environment variable the code
reads, and the environment file template sets nothing the code does not read."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
READS = re.compile(
    r"""(?:env_str|env_int|env_bool|env_list|os\.environ\.get|os\.environ\.setdefault|"""
    r"""os\.getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']|os\.environ\[\s*["']([A-Z][A-Z0-9_]+)["']\]"""
)
# Read by libraries rather than by our code: boto3 finds its credentials itself.
READ_BY_LIBRARIES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def variables_read() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "src").rglob("*.py"):
        for match in READS.finditer(path.read_text()):
            found.add(match.group(1) or match.group(2))
    return found


def checklist() -> set[str]:
    text = (REPO / "deploy" / "README.md").read_text()
    section = text.split("## Production checklist", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", section))


def test_the_scan_finds_the_settings_variables() -> None:
    assert {"SECRET_KEY", "DATABASE_URL", "AWS_STORAGE_BUCKET_NAME", "WEB_CONCURRENCY"} <= (
        variables_read()
    )


def test_the_checklist_lists_every_variable_the_code_reads() -> None:
    missing = sorted(variables_read() - checklist())
    assert not missing, f"Describe these in deploy/README.md's checklist: {missing}"


def test_the_environment_template_sets_only_known_variables() -> None:
    template = (REPO / "deploy" / "jtai.env.example").read_text()
    names = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, flags=re.MULTILINE))
    unknown = sorted(names - variables_read() - READ_BY_LIBRARIES)
    assert not unknown, f"The code never reads: {unknown}"
    assert names <= checklist()
