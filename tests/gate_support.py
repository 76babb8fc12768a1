"""A drafts repository as an office keeps it, for the end-to-end gate and pre-commit tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import SEEDS

GOOD = (SEEDS / "003_0e13b6e94c52ef29.txt").read_text(encoding="utf-8")
CAUSES = "原因在于对法治政府建设的重要性认识还不够深刻，普法宣传投入不够，缺乏法律方面的专业人才。"
HEADING = "三、推进法治政府建设存在的不足和原因"
# The same report without its causes analysis: the sentence and the heading's 和原因 are gone.
BAD = GOOD.replace(CAUSES, "").replace(HEADING, "三、推进法治政府建设存在的不足")
assert BAD != GOOD and CAUSES not in BAD

GIT_ENV = {
    "GIT_AUTHOR_NAME": "起草组",
    "GIT_AUTHOR_EMAIL": "drafts@example.org",
    "GIT_COMMITTER_NAME": "起草组",
    "GIT_COMMITTER_EMAIL": "drafts@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def env(**extra: str) -> dict[str, str]:
    values = {**os.environ, **GIT_ENV, **extra}
    values.pop("NO_COLOR", None)
    return values


def git(repo: Path, *args: str) -> None:
    command = ["git", "-c", "init.defaultBranch=main", *args]
    subprocess.run(command, cwd=repo, env=env(), check=True, capture_output=True)


def drafts_repo(root: Path, config: str, draft: str) -> Path:
    """A git repository with a config file and drafts/2023年法治政府建设情况报告.txt, committed."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    (root / "rubric-check.yaml").write_text(config, encoding="utf-8")
    (root / "drafts").mkdir()
    (root / "drafts" / "2023年法治政府建设情况报告.txt").write_text(draft, encoding="utf-8")
    git(root, "add", "rubric-check.yaml", "drafts")
    git(root, "commit", "-q", "-m", "初稿")
    return root
