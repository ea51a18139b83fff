"""Build the fallback fonts in resources/fonts/ from Debian's font packages.

Run once when a font or the character set changes; the outputs are committed.

* ARPLUMingCN-gongkai-subset.ttf (fonts-arphic-uming, Arphic Public License):
  every GB2312 character, CJK Extension A, ASCII, CJK punctuation, and the
  rarer name characters listed in NAME_CHARS.
* HanaMinB-gongkai-subset.ttf (fonts-hanazono, OFL 1.1): the characters of
  NAME_CHARS beyond the BMP (Extension B–F), e.g. 𬌗.

TrueType outlines only (ReportLab cannot embed CFF), no bitmaps, no hinting.
Anything else is found in the office's installed fonts at print time, and a
character no font has is reported before printing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
HANAMIN_B = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
# Rare characters seen in personal and place names (GBK-only and supplementary planes).
NAME_CHARS = ("堃喆珺玥昇赟镕垚犇淼婧妤琬瑄璟晗昕昊煜焱钰铖锟璐瑾琰珏玮玙瑛璇骞彧翀翊翃頔"
              "䶮𬌗𫖯𬭚𬘡𬍤𫍯𬇙𫰛𬸘𬒈𫄸𬶋𬀩𬊤𬭎𬳵𫐄")


def _subset(font: TTFont, unicodes: set[int], target: Path) -> None:
    opts = subset.Options()
    opts.hinting = False
    opts.notdef_outline = True
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.drop_tables += ["EBDT", "EBLC", "EBSC", "BDF", "FFTM", "DSIG", "vhea", "vmtx", "VORG"]
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(str(target))
    print(f"{target.name}: {len(unicodes)} characters, {target.stat().st_size // 1024} KB")


def main() -> int:
    uming = TTCollection(str(UMING)).fonts[0]  # AR PL UMing CN
    cmap = uming.getBestCmap()
    wanted = set(range(0x20, 0x7F)) | {ord(c) for c in NAME_CHARS if ord(c) in cmap}
    for cp in cmap:
        try:
            chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        wanted.add(cp)
    wanted |= {cp for cp in cmap if 0x3400 <= cp <= 0x4DBF or 0x3000 <= cp <= 0x303F
               or 0xFF00 <= cp <= 0xFFEF or 0x2000 <= cp <= 0x206F or 0x2460 <= cp <= 0x24FF}
    _subset(uming, wanted, OUT / "ARPLUMingCN-gongkai-subset.ttf")
    hana = TTFont(str(HANAMIN_B))
    hcmap = hana.getBestCmap()
    _subset(hana, {ord(c) for c in NAME_CHARS if ord(c) > 0xFFFF and ord(c) in hcmap},
            OUT / "HanaMinB-gongkai-subset.ttf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
