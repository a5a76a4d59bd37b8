"""Step 1 of the coder: put job titles and labels in one comparable form.

The steps, in order (each documented in ``docs/search.md``):

1. Read at most :data:`MAX_CHARS` characters: titles are short, and a huge
   string must not cost more than a long title.
2. Drop invisible characters (a byte-order mark, zero-width spaces and joiners,
   soft hyphens: the first cell of an Excel CSV starts with one), then NFKC
   (full-width → half-width, compatibility forms) and case folding.
3. Traditional → simplified Chinese, character by character, with the
   one-to-one pairs of OpenCC's table (``data/t2s.tsv``, read by the store).
4. Spell out the programming-language names punctuation would destroy
   (``c++`` → ``cpp``, ``c#`` → ``csharp``, ``.net`` → ``dotnet``).
5. Remove posting noise: salary figures (``12-18k``, ``8000+``, ``200元/天``,
   ``13薪``), years of experience, hiring words (``急招``, ``日结``,
   ``底薪+提成``, ``兼职`` …), seniority words (``高级``, ``senior`` …), job
   numbers (``(J14239)``, ``22989-``) and the names of provinces and large
   cities (with 省, 市 or 区 only when no Chinese character follows:
   ``上海市场营销`` keeps 市场).  Labels that contain a noise word (直播招聘师,
   长期照护师) are *protected*: a :class:`Normaliser` keeps them whole.
6. Punctuation, brackets and symbols become spaces; spaces are then dropped
   except between two Latin letters or digits (``ai trainer`` keeps its space,
   ``AI 训练师`` becomes ``ai训练师``).
7. English plurals are made singular (``pilots`` → ``pilot``).

Labels go through the same normaliser as titles, so both sides of every
comparison agree.  A normaliser is an object: its protected labels are fixed
when it is made, so its first answer equals every later one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from newocc._store.script import traditional_table

__all__ = [
    "CACHE_SIZE",
    "MAX_CHARS",
    "NOISE_WORDS",
    "PLACES",
    "Normaliser",
    "strip_invisible",
    "trie_pattern",
]

MAX_CHARS = 200
"""The number of characters of a title that are read; the rest is ignored."""

CACHE_SIZE = 1 << 16
"""How many recent titles a normaliser remembers."""

NOISE_WORDS = (
    # hiring and pay terms
    "日结", "周结", "月结", "急招", "急聘", "诚聘", "高薪诚聘", "高薪", "招聘", "直招", "热招", "代招",
    "底薪加提成", "底薪", "无责底薪", "保底", "提成", "兼职", "全职", "可兼职", "小时工", "临时工",
    "包吃住", "包吃", "包住", "五险一金", "六险一金", "七险一金", "五险", "双休", "单休", "长白班",
    "周末双休", "可实习", "实习生", "实习", "应届生", "应届", "校招", "社招", "不限经验",
    "经验不限", "学历不限", "男女不限", "小白可做", "无经验", "可培训", "带薪培训", "居家", "在家",
    "远程", "长期", "短期", "若干名", "若干", "多名", "数名", "名额有限", "转正", "可转正", "上市公司",
    "大平台", "同城", "本地", "附近", "全国", "就近安排", "职位编号", "提供车住", "提供住宿", "可预支",
    # seniority
    "高级", "资深", "初级", "中级", "中高级", "见习", "储备", "学徒",
    # English
    "part time", "part-time", "full time", "full-time", "urgent", "urgently", "hiring", "remote",
    "senior", "junior", "intern", "trainee", "freelance", "contract",
)  # fmt: skip
"""Words that say how a job is offered, not what it is; removed from titles."""

PLACES = (
    "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "苏州",
    "长沙", "郑州", "青岛", "东莞", "佛山", "宁波", "合肥", "厦门", "福州", "济南", "昆明", "沈阳",
    "大连", "哈尔滨", "长春", "石家庄", "太原", "南昌", "南宁", "贵阳", "海口", "三亚", "兰州",
    "西宁", "银川", "乌鲁木齐", "拉萨", "呼和浩特", "无锡", "常州", "温州", "泉州", "珠海", "惠州",
    "嘉兴", "金华", "台州", "绍兴", "烟台", "潍坊", "徐州", "南通", "扬州", "洛阳", "香港", "澳门",
    "台北", "广东", "浙江", "江苏", "山东", "河南", "河北", "湖南", "湖北", "四川", "福建", "安徽",
    "江西", "广西", "云南", "贵州", "陕西", "山西", "甘肃", "辽宁", "吉林", "黑龙江", "内蒙古",
    "新疆", "西藏", "宁夏", "青海", "海南", "台湾",
)  # fmt: skip
"""Provinces and large cities, removed from titles (with 省, 市 or 区 after them)."""

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad\u180e\ufffe"))
_LANGUAGES = (("c++", " cpp "), ("c#", " csharp "), (".net", " dotnet "))
_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = r"(?:\s*(?:k|w|千|万)(?![a-z]))?"
# A number, perhaps a range, then the words that make it pay, age or
# experience.  A number with none of them (3 in 3d打印) is kept: see _figure.
_SALARY = re.compile(
    rf"(?<![a-z0-9.]){_NUMBER}{_UNIT}(?:\s*[-~～至到]\s*{_NUMBER}{_UNIT})?"
    r"(?:\s*(?:元|块))?"
    r"(?:\s*(?:/|每)\s*(?:月|天|日|小时|时|年|单|h))?"
    r"(?:\s*(?:\+|以上))?"
    r"(?:\s*[x×*·]?\s*\d+\s*薪)?"
    r"(?:\s*周?岁(?:以[上下])?)?"
    r"(?:\s*年(?:以上)?(?:工作)?(?:经验)?)?"
    r"(?![a-z0-9])"
)
# Job numbers: a run of three or more digits, alone or inside a Latin token (j14239, mj001692).
_JOB_NUMBER = re.compile(r"(?<![a-z0-9.])[a-z]*\d{3,}[a-z0-9]*(?![a-z0-9])")
# A short number with no unit names a thing (3d打印, 5g, 工业4.0): kept.
_PLAIN_FIGURE = re.compile(r"\d{1,2}(?:\.\d)?")


def strip_invisible(text: str) -> str:
    """``text`` without byte-order marks, zero-width spaces and joiners or soft hyphens."""
    return text.translate(_INVISIBLE)


def _figure(match: re.Match[str]) -> str:
    text = match.group()
    return text if _PLAIN_FIGURE.fullmatch(text) else " "


def trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words, as a trie (``底薪(?:加提成)?``): tried in one pass, longest first."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
        return body + "?" if "" in node else body

    return pattern(root)


_CHINESE_NOISE = tuple(w for w in NOISE_WORDS if not w.isascii())
_ENGLISH_NOISE = tuple(w for w in NOISE_WORDS if w.isascii())
_NOISE = re.compile(
    "|".join(
        (
            # The suffix goes only where no Chinese follows: 南京区块链 is 南京 + 区块链.
            rf"{trie_pattern(PLACES)}(?:[省市区](?![\u3400-\u9fff]))?",
            trie_pattern(_CHINESE_NOISE),
            rf"(?<![a-z]){trie_pattern(_ENGLISH_NOISE)}(?![a-z])",
        )
    )
)
_NON_WORD = re.compile(r"[\W_]+")
_GAP = re.compile(r"(?<![a-z0-9]) | (?![a-z0-9])")
_LATIN_WORD = re.compile(r"[a-z]{4,}")
_HAS_LATIN = re.compile(r"[a-z0-9]")
_HAS_DIGIT = re.compile(r"\d")


def _singular(match: re.Match[str]) -> str:
    word = match.group()
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).casefold()
    table, traditional = traditional_table()
    if traditional.search(folded):
        folded = folded.translate(table)
    if "c+" in folded or "c#" in folded or ".net" in folded:
        for written, spelled in _LANGUAGES:
            folded = folded.replace(written, spelled)
    return folded


def _strip(text: str) -> str:
    if _HAS_DIGIT.search(text):
        text = _JOB_NUMBER.sub(" ", _SALARY.sub(_figure, text))
    return _NOISE.sub(" ", text)


class Normaliser:
    """Normalises titles; keeps the ``protected`` labels whole wherever they appear.

    Only labels that contain a noise word or a place name need protection:
    without it "直播招聘师" would lose 招聘 and read "直播师".  The protected set
    is fixed here, so every call (the first included) gives the same answer.
    Each normaliser has its own cache of :data:`CACHE_SIZE` recent titles.

    >>> Normaliser()("深圳／植保無人機飛手／12-18K")
    '植保无人机飞手'
    >>> Normaliser(["直播招聘师"])("高级直播招聘师 急招")
    '直播招聘师'
    """

    __slots__ = ("_cached", "_protected", "protected")

    def __init__(self, protected: Iterable[str] = (), *, folded: Iterable[str] | None = None) -> None:
        at_risk: set[str] = set()
        if folded is not None:
            at_risk.update(folded)
        for label in protected:
            form = _fold(label)
            if _NOISE.search(form) or _JOB_NUMBER.search(form):
                # Also the singular form, which is what a normalised label holds.
                at_risk.update((form, _LATIN_WORD.sub(_singular, form)))
        self.protected: tuple[str, ...] = tuple(sorted(at_risk))
        """The folded labels kept whole (those of ``protected`` that hold noise), for a snapshot."""
        self._protected = re.compile(trie_pattern(self.protected)) if at_risk else None
        self._cached: Callable[[str], str] = lru_cache(maxsize=CACHE_SIZE)(self._normalise)

    def __call__(self, text: str) -> str:
        """The comparable form of a title or label (only its first :data:`MAX_CHARS` are read)."""
        # Cut before caching, so the cache never holds a huge string.
        return self._cached(text[:MAX_CHARS])

    def _strip_around_protected(self, text: str) -> str:
        protected = self._protected
        if protected is None or protected.search(text) is None:
            return _strip(text)
        parts: list[str] = []
        start = 0
        for found in protected.finditer(text):
            parts.extend((_strip(text[start : found.start()]), " ", found.group(), " "))
            start = found.end()
        parts.append(_strip(text[start:]))
        return "".join(parts)

    def _normalise(self, text: str) -> str:
        folded = _NON_WORD.sub(" ", self._strip_around_protected(_fold(text))).strip()
        if not _HAS_LATIN.search(folded):
            return folded.replace(" ", "")
        return _LATIN_WORD.sub(_singular, _GAP.sub("", folded))
