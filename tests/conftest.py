"""Shared fixtures: the user's sample, a hand-built model that exercises every block kind,
and where the external validators live (tests that need one skip when it is absent)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from convert.model import Document, Heading, Note, Paragraph, Run, Speech, Table

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bab276808ddd4c79.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def sample_doc() -> Document:
    """The user's manuscript, read by the text reader."""
    import convert

    return convert.read(SEED)


def make_rich_doc() -> Document:
    """A collection with every block kind, heading level, run-in leads, notes and a table."""
    s1 = Speech(
        label="（一）",
        title="在全市经济工作会议上的讲话",
        author="张三",
        date="2024年3月5日",
        blocks=(
            Paragraph.of("同志们：", role="greeting"),
            Paragraph.of("今天召开会议，主要任务是总结2023年工作，部署2024年任务。"),
            Heading(level=1, text="一、充分肯定成绩", ordinal="一、"),
            Paragraph.of("过去一年，全市地区生产总值增长5.2%，【数据待核】比上年提高1.3个百分点。"),
            Heading(level=2, text="（一）产业发展稳中有进。", ordinal="（一）", run_in=True),
            Paragraph.of("规模以上工业增加值增长6.8%，新增企业120家。"),
            Heading(level=3, text="1.先进制造业。", ordinal="1.", run_in=True),
            Paragraph.of("集成电路、生物医药等产业集群加快成长。"),
            Heading(level=4, text="（1）集成电路", ordinal="（1）"),
            Paragraph(
                runs=(
                    Run("重点项目"),
                    Run("全部开工", bold=True),
                    Run("，投资额达到"),
                    Run("85亿元", italic=True),
                    Run("。"),
                )
            ),
            Table(rows=(("指标", "2023年", "增长"), ("地区生产总值", "1.2万亿元", "5.2%")), header=True),
            Heading(level=1, text="二、明确今年任务", ordinal="二、"),
            Paragraph.of("要坚持稳中求进工作总基调，<引号>与&符号也要保留。"),
            Paragraph.of("谢谢大家！", role="closing"),
        ),
    )
    s2 = Speech(
        label="（二）",
        blocks=(
            Paragraph.of("第二篇发言的开头段落。"),
            Heading(level=1, text="一要强化政治意识。", ordinal="一要"),
            Heading(level=2, text="一是高质量推进产业发展。", ordinal="一是", run_in=True),
            Paragraph.of("一产要坚持稳住产量，二产要加快转型升级。"),
            Note(text="注：本文数据截至2023年底。"),
        ),
    )
    return Document(
        title="理论中心组集中研讨发言材料汇编",
        subtitle="（2篇）",
        speeches=(s1, s2),
        source="rich.txt",
    )


@pytest.fixture(scope="session")
def rich_doc() -> Document:
    return make_rich_doc()


def run_json(script: str, *args: str, cache: Path, quiet: bool = True) -> Any:
    """``script`` in a fresh Python with this checkout's code and ``cache`` as its cache
    folder, as the command starts; what it prints, read as JSON. ``quiet``: it must print
    nothing on stderr either (the caches' tests: a kept file never warns)."""
    env = {**os.environ, "SPEECHPRESS_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    if quiet:
        assert done.stderr == ""
    return json.loads(done.stdout)


def need(tool: str) -> str:
    """Path of an external tool, or skip the test when this machine truly lacks it."""
    path = shutil.which(tool)
    if not path:
        pytest.skip(f"{tool} is not installed")
    return path
