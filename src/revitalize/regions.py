"""Region registry: China's provincial-level units and the Northeast's prefectures.

Every region is keyed by its GB/T 2260 administrative-division code (``"210000"`` for
Liaoning). The national total uses ``"100000"``, the code the Amap/DataV boundary sets
use for the whole country. Each region carries its ISO 3166-2 code, Chinese and English
names, pinyin and the aliases seen in the sources, and :func:`resolve` accepts any of
them (case, spaces, hyphens and apostrophes are ignored).

Groups (:data:`GROUPS`) name sets of regions: ``northeast`` (Liaoning, Jilin,
Heilongjiang) and ``northeast4`` (those three plus the five eastern prefectures of
Inner Mongolia, which exist only where data are published at prefecture level).

Examples
--------
>>> resolve("黑龙江").code
'230000'
>>> [r.abbr for r in expand("northeast")]
['LN', 'JL', 'HL']
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

from revitalize.exceptions import UnknownRegionError

__all__ = [
    "GROUPS",
    "NATIONAL",
    "Group",
    "Region",
    "all_regions",
    "expand",
    "group",
    "provinces",
    "resolve",
    "table",
]

NATIONAL = "100000"


@dataclass(frozen=True)
class Region:
    """One administrative unit."""

    code: str
    level: str  # "country" | "province" | "prefecture"
    parent: str | None
    iso: str | None
    abbr: str | None
    name_zh: str
    short_zh: str
    name_en: str
    pinyin: str
    aliases: tuple[str, ...]

    def name(self, lang: str = "en") -> str:
        """Display name in ``"en"`` or ``"zh"``."""
        return self.short_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Group:
    """A named set of regions whose values may be summed."""

    id: str
    name_zh: str
    name_en: str
    members: tuple[str, ...]
    aliases: tuple[str, ...]
    note: str = ""

    def name(self, lang: str = "en") -> str:
        """Display name in ``"en"`` or ``"zh"``."""
        return self.name_zh if lang == "zh" else self.name_en


_NE3 = ("210000", "220000", "230000")
_EAST_IM = ("150400", "150500", "150700", "152200", "152500")


@cache
def _rows() -> tuple[Region, ...]:
    text = resources.files("revitalize.data.files").joinpath("regions.csv").read_text("utf-8")
    out = []
    for r in csv.DictReader(text.splitlines()):
        out.append(
            Region(
                code=r["code"],
                level=r["level"],
                parent=r["parent"] or None,
                iso=r["iso"] or None,
                abbr=r["abbr"] or None,
                name_zh=r["name_zh"],
                short_zh=r["short_zh"],
                name_en=r["name_en"],
                pinyin=r["pinyin"],
                aliases=tuple(a for a in r["aliases"].split(";") if a),
            )
        )
    return tuple(out)


def all_regions() -> tuple[Region, ...]:
    """Every region in the registry: the country, 31 provinces, 41 NE prefectures."""
    return _rows()


def provinces() -> tuple[Region, ...]:
    """The 31 provincial-level units of mainland China, in code order."""
    return tuple(r for r in _rows() if r.level == "province")


@cache
def _groups() -> dict[str, Group]:
    ne_pref = tuple(r.code for r in _rows() if r.level == "prefecture")
    return {
        "northeast": Group(
            "northeast",
            "东北三省",
            "Northeast China",
            _NE3,
            ("东北", "东北三省", "东北地区", "ne", "ne3", "northeast china", "dongbei"),
        ),
        "northeast4": Group(
            "northeast4",
            "东北四省区",
            "Northeast China + eastern Inner Mongolia",
            _NE3 + _EAST_IM,
            ("东北四省区", "ne4", "northeast+mengdong"),
            note="The five eastern Inner Mongolia prefectures enter only where data are "
            "published at prefecture level; provincial series cover LN, JL and HL only.",
        ),
        "mengdong": Group(
            "mengdong",
            "蒙东五盟市",
            "Eastern Inner Mongolia (5 prefectures)",
            _EAST_IM,
            ("蒙东", "蒙东地区", "eastern inner mongolia", "east inner mongolia"),
        ),
        "ne_prefectures": Group(
            "ne_prefectures",
            "东北41个地市",
            "Northeast prefectures (41)",
            ne_pref,
            ("东北地市", "northeast prefectures", "prefectures"),
        ),
        "provinces": Group(
            "provinces",
            "31个省区市",
            "31 provincial-level units",
            tuple(r.code for r in provinces()),
            ("all provinces", "省份", "全部省份"),
        ),
    }


GROUPS = _groups


def _norm(text: str) -> str:
    return re.sub(r"[\s\-_'’.·()（）]+", "", str(text).strip().lower())


_SUFFIXES = (
    "province",
    "municipality",
    "autonomousregion",
    "city",
    "league",
    "prefecture",
    "省",
    "市",
    "自治区",
    "特别行政区",
    "地区",
    "盟",
)


@cache
def _index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for level in ("country", "province", "prefecture"):  # provinces win over cities
        for r in _rows():
            if r.level != level:
                continue
            names = [r.code, r.name_zh, r.short_zh, r.name_en, r.pinyin, *r.aliases]
            if r.iso:
                names += [r.iso, r.iso.replace("CN-", "")]
            if r.abbr:
                names.append(r.abbr)
            if level == "province":
                names.append(r.code[:2])
            for n in names:
                idx.setdefault(_norm(n), r.code)
    return idx


@cache
def _by_code() -> dict[str, Region]:
    return {r.code: r for r in _rows()}


@cache
def _group_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for g in _groups().values():
        for n in (g.id, g.name_zh, g.name_en, *g.aliases):
            idx.setdefault(_norm(n), g.id)
    return idx


def _lookup(name: str) -> str | None:
    key = _norm(name)
    idx = _index()
    if key in idx:
        return idx[key]
    for suf in _SUFFIXES:
        if key.endswith(suf) and key[: -len(suf)] in idx:
            return idx[key[: -len(suf)]]
    return None


def _suggestions(name: str, n: int = 3) -> list[str]:
    key = _norm(name)
    keys = list(_index()) + list(_group_index())
    close = difflib.get_close_matches(key, keys, n=8, cutoff=0.6)
    out: list[str] = []
    for c in close:
        if c in _index():
            r = _by_code()[_index()[c]]
            label = f"{r.name_en} ({r.short_zh}, {r.code})"
        else:
            label = _group_index()[c]
        if label not in out:
            out.append(label)
    return out[:n]


def resolve(name: str | int) -> Region:
    """Return the region for any code, name or alias.

    Parameters
    ----------
    name
        GB/T 2260 code (``210000`` or ``21``), ISO 3166-2 (``CN-LN``), Chinese or English
        name, pinyin or alias (``"黑龙江省"``, ``"InnerMongolia"``, ``"Nei Mongol"``).

    Raises
    ------
    UnknownRegionError
        If nothing matches; the message lists the closest known names.
    """
    code = _lookup(str(name))
    if code is None:
        if _norm(str(name)) in _group_index():
            gid = _group_index()[_norm(str(name))]
            raise UnknownRegionError(
                str(name), [f"{gid} is a group: use revitalize.regions.expand({gid!r})"]
            )
        raise UnknownRegionError(str(name), _suggestions(str(name)))
    return _by_code()[code]


def group(name: str) -> Group:
    """Return the group called ``name`` (``"northeast"``, ``"东北"``...)."""
    gid = _group_index().get(_norm(name))
    if gid is None:
        raise UnknownRegionError(name, _suggestions(name))
    return _groups()[gid]


def is_group(name: str) -> bool:
    """Whether ``name`` names a group rather than a single region."""
    return _norm(name) in _group_index() and _lookup(name) is None


def expand(spec: str | int | list[str] | tuple[str, ...]) -> list[Region]:
    """Resolve a region selection into regions, in the order given.

    ``spec`` may be one name, a group, a comma-separated list or a list of these.
    Duplicates are dropped.
    """
    items = [str(spec)] if isinstance(spec, (str, int)) else [str(s) for s in spec]
    parts = [p.strip() for item in items for p in item.split(",") if p.strip()]
    out: list[Region] = []
    for p in parts:
        regs = [_by_code()[c] for c in group(p).members] if is_group(p) else [resolve(p)]
        out.extend(r for r in regs if r not in out)
    return out


def table(level: str | None = None) -> pd.DataFrame:
    """The registry as a DataFrame indexed by code (optionally one level only)."""
    rows = [
        {
            "code": r.code,
            "level": r.level,
            "parent": r.parent,
            "iso": r.iso,
            "abbr": r.abbr,
            "name_zh": r.name_zh,
            "name_en": r.name_en,
            "pinyin": r.pinyin,
            "aliases": "; ".join(r.aliases),
        }
        for r in _rows()
        if level is None or r.level == level
    ]
    return pd.DataFrame(rows).set_index("code")
