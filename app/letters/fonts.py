"""Fonts for letters: the office's official fonts first, then the shipped fallbacks.

GB/T 9704 asks for 小标宋 titles and 仿宋 body text.  Offices that have the
official fonts installed (Windows, UOS, Kylin font folders) get them; any other
PC uses the freely licensed TrueType subsets in resources/fonts.  Every font is
embedded (subset) by ReportLab, so the PDF prints the same everywhere.

Text is split into runs by the first font in the chain that has each character,
so a rare name character found only in a fallback font still prints; a
character no font has is reported before anything is printed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTCollection
from fontTools.ttLib import TTFont as FTFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.paths import resources_dir

# role → candidate (file name, index in a .ttc) in order of preference
CANDIDATES: dict[str, list[tuple[str, int]]] = {
    "title": [("FZXBSJW.TTF", 0), ("方正小标宋简体.ttf", 0), ("FZXiaoBiaoSong-B05S.ttf", 0), ("STZHONGS.TTF", 0),
              ("simsun.ttc", 0), ("SimSun.ttf", 0)],
    "body": [("仿宋_GB2312.ttf", 0), ("FangSong_GB2312.ttf", 0), ("SIMFANG.TTF", 0), ("simfang.ttf", 0),
             ("STFANGSO.TTF", 0), ("simsun.ttc", 0)],
    "hei": [("simhei.ttf", 0), ("SIMHEI.TTF", 0), ("STHEITI.TTF", 0)],
    "kai": [("楷体_GB2312.ttf", 0), ("simkai.ttf", 0), ("SIMKAI.TTF", 0), ("STKAITI.TTF", 0)],
    "song": [("simsun.ttc", 0), ("SimSun.ttf", 0), ("STSONG.TTF", 0)],
}
SHIPPED = [("ARPLUMingCN-gongkai-subset.ttf", 0), ("HanaMinB-gongkai-subset.ttf", 0)]
# Installed free fonts worth trying after the shipped ones (more characters).
SYSTEM_FALLBACKS = [("uming.ttc", 0), ("ukai.ttc", 0), ("HanaMinA.ttf", 0), ("HanaMinB.ttf", 0),
                    ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0)]


def font_dirs() -> list[Path]:
    dirs: list[Path] = []
    if sys.platform == "win32":  # pragma: no cover - Windows only
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
                 Path.home() / ".fonts", Path("/System/Library/Fonts"), Path("/Library/Fonts")]
    extra = os.environ.get("GONGKAI_FONT_DIRS")
    if extra:
        dirs = [Path(p) for p in extra.split(os.pathsep)] + dirs
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=1)
def _installed_index() -> dict[str, Path]:
    """Lower-cased file name → path of every font file in the font folders."""
    index: dict[str, Path] = {}
    for d in font_dirs():
        for root, _dirs, files in os.walk(d):
            for f in files:
                if f.lower().endswith((".ttf", ".ttc", ".otf")):
                    index.setdefault(f.lower(), Path(root) / f)
    return index


@dataclass(frozen=True)
class LoadedFont:
    name: str  # ReportLab font name
    path: Path
    cmap: frozenset[int]


def _truetype_outlines(path: Path, index: int) -> frozenset[int] | None:
    """The characters of a font with TrueType outlines; None for CFF outlines or a broken file."""
    try:
        if path.suffix.lower() == ".ttc":
            with TTCollection(str(path), lazy=True) as coll:
                font = coll.fonts[index]
                return frozenset(font.getBestCmap()) if "glyf" in font else None
        with FTFont(str(path), lazy=True) as font:
            return frozenset(font.getBestCmap()) if "glyf" in font else None
    except Exception:  # noqa: BLE001 - a broken font file is skipped
        return None


@lru_cache(maxsize=64)
def load(path: Path, index: int = 0) -> LoadedFont | None:
    cmap = _truetype_outlines(path, index)
    if cmap is None:
        return None
    name = f"gk-{path.stem}-{index}"
    try:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    except TTFError:
        return None
    return LoadedFont(name, path, cmap)


def _find(candidates: list[tuple[str, int]]) -> list[LoadedFont]:
    index = _installed_index()
    out = []
    for file_name, sub in candidates:
        path = index.get(file_name.lower())
        if path is not None and (f := load(path, sub)) is not None:
            out.append(f)
    return out


def shipped() -> list[LoadedFont]:
    out = []
    for file_name, sub in SHIPPED:
        f = load(resources_dir() / "fonts" / file_name, sub)
        if f is not None:
            out.append(f)
    return out


@lru_cache(maxsize=8)
def chain(role: str) -> tuple[LoadedFont, ...]:
    """Fonts to try, in order, for a role: the official installed font, then the shipped subsets."""
    official = _find(CANDIDATES[role])[:1]
    fonts = official + shipped()
    seen, out = set(), []
    for f in fonts:
        if f.name not in seen:
            seen.add(f.name)
            out.append(f)
    if not out:
        raise RuntimeError("没有可用的中文字体（resources/fonts 中的字体文件缺失）")
    return tuple(out)


@lru_cache(maxsize=1)
def system_fallbacks() -> tuple[LoadedFont, ...]:
    """Other installed free fonts, loaded only when a character is in none of the chain."""
    return tuple(_find(SYSTEM_FALLBACKS))


def font_for(ch: str, fonts: tuple[LoadedFont, ...]) -> LoadedFont | None:
    cp = ord(ch)
    for f in fonts:
        if cp in f.cmap:
            return f
    for f in system_fallbacks():
        if cp in f.cmap:
            return f
    return None


@lru_cache(maxsize=65536)
def measure_name(ch: str, role: str) -> str:
    """The ReportLab font name whose width ``ch`` takes in ``role`` (the role's first font when none has it).

    Cached because a long register asks this for every character it measures and draws
    (tens of thousands of cells); ``reset()`` forgets the answers with the fonts."""
    fonts = chain(role)
    return (font_for(ch, fonts) or fonts[0]).name


@lru_cache(maxsize=65536)
def name_for(ch: str, role: str) -> str:
    """The font name ``ch`` is drawn in (white space always in the role's first font, so a run is not cut)."""
    return chain(role)[0].name if ch.isspace() else measure_name(ch, role)


@lru_cache(maxsize=65536)
def char_width(ch: str, name: str, size: float) -> float:
    """ReportLab's width of one character in a registered font (cached: see :func:`name_for`)."""
    return pdfmetrics.stringWidth(ch, name, size)


def runs(text: str, role: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs; unknown characters use the first font."""
    out: list[tuple[str, str]] = []
    for ch in text:
        name = name_for(ch, role)
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def missing_characters(text: str, roles: tuple[str, ...] = ("title", "body", "song")) -> list[str]:
    """Characters no available font can draw (the app refuses to print them as boxes)."""
    missing = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or ord(ch) < 0x20:
            continue
        if all(font_for(ch, chain(role)) is None for role in roles):
            missing.append(ch)
    return missing


_RESETS: list[Callable[[], None]] = []


def on_reset(forget: Callable[[], None]) -> None:
    """Have :func:`reset` also call ``forget`` (a cache elsewhere built on what was found here)."""
    _RESETS.append(forget)


def reset() -> None:
    """Forget what was found (tests change GONGKAI_FONT_DIRS)."""
    for fn in (_installed_index, chain, system_fallbacks, measure_name, name_for, char_width):
        fn.cache_clear()
    for forget in _RESETS:
        forget()
