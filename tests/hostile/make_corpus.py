"""Generate the corpus of hostile inputs (issue 7) into a folder.

Generated, not stored: every file is built from a few lines of deterministic Python, so
the repository holds no opaque blobs and a reader of this file sees exactly what each
input exercises. Tests call :func:`generate` into a temporary folder; from a shell:

    python tests/hostile/make_corpus.py OUT_DIR [--no-big]

Layout of OUT_DIR:
    work/       inputs every writer must turn into valid output (``name -> why`` in WORK)
    big/        the 10 MB manuscript and the 200-piece collection (slow; ``--no-big`` skips)
    fail/       inputs that must fail cleanly, one per file (FAIL)
    fail_dirs/  folders: one with no manuscripts at all
"""

from __future__ import annotations

import argparse
import io
import random
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# A paragraph of ordinary speech prose to build everything else from.
PROSE = (
    "我们要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，"
    "着力推动高质量发展，全市地区生产总值增长5.2%，规模以上工业增加值增长6.8%，"
    "新增市场主体12000户，城乡居民人均可支配收入分别增长4.9%和7.1%。"
)
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"

# Han characters outside the BMP: 𠀀 (U+20000, Ext B, in some CJK fonts), 𪚥 (U+2A6A5, Ext B),
# 𫝀 (U+2B740, Ext D), 𰀀 (U+30000, Ext G: in no font installed here).
NON_BMP = "\U00020000\U0002a6a5\U0002b740\U00030000"


def body(n: int, rng: random.Random) -> str:
    """``n`` characters of prose-like Han text with digits and punctuation."""
    out: list[str] = []
    size = 0
    while size < n:
        k = rng.randint(8, 24)
        clause = "".join(rng.choice(HAN) for _ in range(k))
        if rng.random() < 0.3:
            clause += str(rng.randint(1, 99999))
        clause += rng.choice("，，，；。。")
        out.append(clause)
        size += len(clause)
    text = "".join(out)[:n]
    return text[:-1] + "。" if text else text


def speech(rng: random.Random, title: str = "在全市工作会议上的讲话", sections: int = 3, para: int = 120) -> str:
    """A manuscript with a title, greeting, numbered headings at two levels and a closing."""
    lines = [title, "", "同志们：", "", body(para, rng), ""]
    for _i, num in enumerate("一二三四五六七八九十"[:sections]):
        lines += [f"{num}、{body(10, rng).rstrip('。')}", "", body(para, rng), ""]
        lines += [f"（{num}）{body(12, rng)}", "", body(para, rng), ""]
    lines += ["谢谢大家！", ""]
    return "\n".join(lines)


def cn_number(n: int) -> str:
    """1..999 in Chinese numerals, as piece labels are written (十二, 一百零五, 二百)."""
    digits = "零一二三四五六七八九"
    h, t, u = n // 100, n // 10 % 10, n % 10
    out = f"{digits[h]}百" if h else ""
    if t:
        out += ("" if t == 1 and not h else digits[t]) + "十"
    elif h and u:
        out += "零"
    return out + (digits[u] if u else "")


@dataclass
class Corpus:
    root: Path
    work: dict[str, Path] = field(default_factory=dict)  # name -> file (must convert)
    big: dict[str, Path] = field(default_factory=dict)  # name -> file (must convert, slow)
    fail: dict[str, Path] = field(default_factory=dict)  # name -> file or folder (must fail)
    why: dict[str, str] = field(default_factory=dict)  # name -> what it exercises


def png_bytes() -> bytes:
    """A real 2x2 PNG (signature, IHDR, IDAT, IEND with correct CRCs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("讲话稿.txt", "同志们：\n今天开会。\n")
    return buf.getvalue()


def work_texts(rng: random.Random) -> dict[str, tuple[str, bytes]]:
    """name -> (why, bytes) for the inputs that must work."""
    base = speech(rng)
    items: dict[str, tuple[str, bytes]] = {}

    def add(name: str, why: str, data: bytes | str, enc: str = "utf-8") -> None:
        items[name] = (why, data if isinstance(data, bytes) else data.encode(enc))

    add("utf8", "plain UTF-8 without BOM", base)
    add("utf8_bom", "UTF-8 with BOM", base, "utf-8-sig")
    add("utf16le", "UTF-16 LE with BOM", b"\xff\xfe" + base.encode("utf-16-le"))
    add("utf16be", "UTF-16 BE with BOM", b"\xfe\xff" + base.encode("utf-16-be"))
    add("utf16le_nobom", "UTF-16 LE without BOM", base.encode("utf-16-le"))
    add("gb18030", "GB18030 (incl. a 4-byte non-BMP Han char)", speech(rng) + "生僻字𠀀在此。\n", "gb18030")
    add("gbk", "GBK (Chinese Windows ANSI)", speech(rng), "gbk")
    add("crlf", "CRLF line ends", base.replace("\n", "\r\n"))
    add("lone_cr", "lone CR line ends (old Mac)", base.replace("\n", "\r"))
    add(
        "indent",
        "tabs and full-width spaces as indentation",
        "\n".join(
            ("\u3000\u3000" if i % 3 == 0 else "\t" if i % 3 == 1 else " \u3000\t") + x if x else x
            for i, x in enumerate(base.split("\n"))
        ),
    )
    add(
        "formfeed",
        "form feeds between pages and inside lines",
        base.replace("\n\n一、", "\n\f\n一、").replace("。", "。\f", 2),
    )
    add(
        "controls",
        "NUL and other C0/C1 control characters inside sentences",
        base.replace("，", "，\x00", 1)
        .replace("，", "，\x07", 2)
        .replace("；", "；\x1b", 1)
        .replace("。", "。\x85", 1)
        .replace("，", "\x08，", 1),
    )
    add(
        "xml_forbidden",
        "characters XML 1.0 forbids: C0 controls, U+FFFE, U+FFFF, vertical tab",
        base.replace("，", "，\x0b", 1)
        .replace("。", "\ufffe。", 1)
        .replace("；", "\uffff；", 1)
        .replace("的", "的\x01", 1)
        .replace("是", "是\x1f", 1),
    )
    add(
        "markup",
        "<, >, & and reportlab/XML markup in the text",
        base.replace(
            "同志们：",
            '同志们：<b>加粗</b> & <font name="x">字</font> &amp; <para>段</para> <br/> &#20013; &lt;'
            "\n\n" + "a<b && c>d，数值<5%且>3%，<![CDATA[x]]> <!-- 注 --> <?pi?> </para> <i>\n",
            1,
        ).replace("谢谢大家！", '谢谢大家！<onDraw name=x/> <seq id=a/> <img src="/etc/passwd"/> %s %(x)s {0}'),
    )
    add(
        "emoji",
        "emoji, ZWJ sequences, flags, variation selectors",
        base.replace("同志们：", "同志们：👏🏻👨‍👩‍👧‍👦🇨🇳❤️☺︎", 1).replace("。", "。🎉", 3),
    )
    add(
        "non_bmp",
        "Han characters outside the BMP and outside the chosen font",
        base.replace("同志们：", f"同志们：{NON_BMP}", 1)
        .replace("一、", f"一、{NON_BMP[1]}", 1)
        .replace("谢谢大家！", f"{NON_BMP}谢谢大家！"),
    )
    add("one_line", "a one-line file without a line end", "同志们，今天的会议很重要，请大家认真落实2024年的各项任务。")
    add(
        "no_headings",
        "no headings, just paragraphs",
        "\n\n".join(body(rng.randint(80, 200), rng) for _ in range(8)) + "\n",
    )
    add("long_paragraph", "a 20,000-character paragraph", "长段落测试\n\n" + body(20000, rng) + "\n\n谢谢大家！\n")
    add(
        "long_heading",
        "headings of 300 and 1,000 characters",
        base.replace("\n一、", "\n一、" + body(300, rng).rstrip("。"), 1).replace(
            "\n二、", "\n二、" + body(1000, rng).rstrip("。"), 1
        ),
    )
    add(
        "mixed",
        "mixed Chinese and English, Latin words, URLs, long Latin tokens",
        base.replace(
            "同志们：",
            "同志们：This speech mixes English and 中文 text, e.g. GDP grew 5.2% in Q3; "
            "see https://example.com/a_very/long/path?x=1&y=2 and " + "Supercalifragilistic" * 8 + "。",
            1,
        )
        + "\nII. Second part in English\n\nThe quick brown fox jumps over the lazy dog 100 times.\n",
    )
    return items


def big_texts(rng: random.Random) -> dict[str, tuple[str, bytes]]:
    """The 10 MB manuscript and the 200-piece collection."""
    pieces = ["理论中心组学习发言材料汇编", "（200篇）", ""]
    for i in range(1, 201):
        pieces += [
            f"（{cn_number(i)}）",
            speech(rng, title=f"第{i}篇发言：{body(12, rng).rstrip('。')}", sections=1, para=60),
        ]
    collection = "\n".join(pieces)
    # 10 MB: many speeches one after another, ~3.4 M characters of UTF-8 Chinese.
    parts = ["十兆字节的讲话稿", ""]
    size = 0
    n = 0
    while size < 10 * 1024 * 1024:
        n += 1
        chunk = speech(rng, title=f"第{n}部分", sections=5, para=400)
        parts.append(chunk)
        size += len(chunk.encode("utf-8")) + 1
    return {
        "big_10mb": ("a 10 MB manuscript", "\n".join(parts).encode("utf-8")),
        "pieces_200": ("a collection of 200 pieces", collection.encode("utf-8")),
    }


def fail_items() -> dict[str, tuple[str, bytes | None]]:
    """name -> (why, bytes); ``None`` bytes means: do not create (the missing file)."""
    return {
        "empty": ("an empty file", b""),
        "blank": ("only white space (ASCII, full-width, tabs, line ends)", b" \t\r\n\n\xe3\x80\x80\xe3\x80\x80\n  \n"),
        "image": ("a PNG image renamed .txt", png_bytes()),
        "archive": ("a zip archive renamed .txt", zip_bytes()),
        "undecodable": (
            "bytes that are not text in any encoding",
            bytes(range(0x80, 0x100)) * 8 + b"\xff\xfe\xfd" * 50,
        ),
        "missing": ("a file that does not exist", None),
    }


def generate(root: Path, big: bool = True, seed: int = 7) -> Corpus:
    """Write the corpus under ``root`` (created) and describe it."""
    rng = random.Random(seed)
    corpus = Corpus(root=root)
    for sub in ("work", "fail", "fail_dirs/nothing_here"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for name, (why, data) in work_texts(rng).items():
        p = root / "work" / f"{name}.txt"
        p.write_bytes(data)
        corpus.work[name], corpus.why[name] = p, why
    if big:
        (root / "big").mkdir(exist_ok=True)
        for name, (why, data) in big_texts(random.Random(seed + 1)).items():
            p = root / "big" / f"{name}.txt"
            p.write_bytes(data)
            corpus.big[name], corpus.why[name] = p, why
    for name, (why, data) in fail_items().items():
        p = root / "fail" / f"{name}.txt"
        if data is not None:
            p.write_bytes(data)
        corpus.fail[name], corpus.why[name] = p, why
    empty_dir = root / "fail_dirs" / "nothing_here"
    (empty_dir / "notes.pdf").write_bytes(b"%PDF-1.4 not a manuscript")
    (empty_dir / "photo.png").write_bytes(png_bytes())
    corpus.fail["no_manuscripts"], corpus.why["no_manuscripts"] = empty_dir, "a folder without manuscripts"
    return corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--no-big", action="store_true", help="skip the 10 MB file and the 200-piece collection")
    args = ap.parse_args(argv)
    corpus = generate(args.out, big=not args.no_big)
    for group in ("work", "big", "fail"):
        for name, path in getattr(corpus, group).items():
            print(f"{group:5} {name:16} {path}  # {corpus.why[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
