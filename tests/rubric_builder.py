"""Building small rubrics in tests: a valid minimal rubric document to vary."""

from __future__ import annotations

import copy
from typing import Any

MINIMAL: dict[str, Any] = {
    "id": "mini",
    "name": "测试细则",
    "version": "1",
    "pass_score": 60,
    "grades": [{"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
    "sections": {
        "measures": {"name": "主要举措和成效", "phrases": ["主要举措", "工作成效"]},
        "plans": {"name": "下一年度安排", "phrases": ["下一步", "工作计划"]},
    },
    "phrase_sets": {"training": ["培训", "学习"]},
    "elements": [
        {
            "id": "topic",
            "name": "普法",
            "description": "写普法。",
            "basis": "依据。",
            "severity": "required",
            "weight": 1,
            "guidance": "补充普法。",
            "met": {"text": {"phrases": ["普法"], "not_in": ["plans"]}},
            "partial": {"text": {"phrases": ["普法"]}, "reason": "只在计划中提到。"},
            "examples": [{"status": "met", "text": "开展普法。"}, {"status": "missing", "text": "无。"}],
        }
    ],
}


def rubric_doc(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(MINIMAL)
    doc.update(changes)
    return doc


def element(**changes: Any) -> dict[str, Any]:
    item = copy.deepcopy(MINIMAL["elements"][0])
    item.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del item[key]
    return item
