"""How a person's name is built: which word is the family name, and the name as an index files
it (``Roosevelt, Franklin D.``).

Pure functions of the name's text, shared by the reader (which links mentions by family name)
and the renderers (a back-of-book index files people by it). Where the shape of a name is not
clear, it is kept as written: a mononym (``Augustus``), a regnal or epithet name (``Louis XIV``,
``Catherine the Great``), a name led by a title (``Pope Pius XI``), East Asian names that give
the family name first (``Mao Zedong``, ``秦始皇``), Arabic names built with ``al-``, ``bin`` or
``ibn``, and a Roman name ending in an epithet (``Tarquinius Superbus``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def tokens(name: str) -> list[str]:
    """The words of a name, split at whitespace."""
    return [t for t in re.split(r"\s+", name.strip()) if t]


# Family names written first (East Asian order): "Mao Zedong" is Mao, "Saigō Takamori" Saigō.
# A Chinese or Korean one only before a romanised given name ("Kim Philby" is Philby).
_FAMILY_CN_KR = frozenset({
    "mao", "zhou", "deng", "chiang", "sun", "liu", "zhang", "wang", "li", "chen", "yuan", "hu",
    "xi", "jiang", "zhu", "lin", "kang", "liang", "zeng", "lu", "kim", "park", "rhee", "yi"})
_FAMILY_JA = frozenset({
    "tokugawa", "oda", "toyotomi", "minamoto", "taira", "fujiwara", "ashikaga", "hojo", "tojo",
    "yamamoto", "konoe", "ito", "okubo", "saigo", "kido", "yoshida", "sakamoto", "iwakura",
    "yamagata", "takeda", "uesugi", "date", "mori", "shimazu"})
# Hepburn's long vowels (Saigō, Ōkubo, Itō) mark a Japanese name.
MACRON = re.compile(r"[āēīōūĀĒĪŌŪ]")
# Chinese, Japanese (kana) and Korean (Hangul) script: names written without spaces.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un"
             r"|ia|ie|iu|ua|uo|ui|er|a|o|e|i|u)")
# A given name in pinyin or hyphenated syllables: "Zedong", "Enlai", "Il-sung", "Kai-shek".
_ROMANISED_GIVEN = re.compile(rf"^(?:{_SYLLABLE}){{1,2}}$|^[a-z]+-[a-z]+$", re.IGNORECASE)


def family_first(name: str, aliases: Iterable[str] = ()) -> bool:
    """Whether a name gives the family name first (``Saigō Takamori``, ``Mao Zedong``)."""
    words = tokens(name)
    if len(words) not in (2, 3) or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    if MACRON.search(words[0]) or first in _FAMILY_JA:
        return len(words) == 2
    if any(CJK.search(a) for a in (name, *aliases)):
        return True
    return first in _FAMILY_CN_KR and all(_ROMANISED_GIVEN.match(w) for w in words[1:])


# Particles that an English index moves behind the given name: "Gaulle, Charles de".
_TRAILING_PARTICLES = frozenset({
    "de", "du", "des", "d'", "von", "van", "vom", "zu", "der", "den", "ter", "ten", "le", "la"})
# Words that make a name something other than given + family names: a toponym ("Leonardo da
# Vinci", "Thomas of Aquino"), an epithet ("the Great"), an Arabic nasab or article.
_NOT_A_FAMILY = frozenset({"da", "di", "of", "the", "bin", "ibn", "bint", "ben", "abu", "y"})
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|az|ar|an|at|ash)-", re.IGNORECASE)
# Titles a name can open with: such a name is filed as written.
_TITLES = frozenset({
    "pope", "saint", "st.", "king", "queen", "emperor", "empress", "tsar", "czar", "tsarina",
    "prince", "princess", "duke", "duchess", "lord", "lady", "sir", "dame", "sultan", "shah",
    "khan", "caliph", "pharaoh", "general", "president", "chairman", "cardinal", "archbishop",
    "bishop", "father", "brother", "sister", "mother", "dr.", "mr.", "mrs.", "ms.", "rev.",
    "царь", "император", "императрица", "князь", "папа"})
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr"})
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# A Roman name opens with a praenomen; an agnomen or epithet after the family name is no
# family name ("Gnaeus Pompeius Magnus", "Tarquinius Superbus").
_PRAENOMINA = frozenset({
    "gaius", "lucius", "marcus", "publius", "gnaeus", "tiberius", "quintus", "titus", "aulus",
    "decimus", "sextus", "servius", "spurius", "appius", "manius", "numerius"})
_EPITHETS = frozenset({
    "magnus", "africanus", "asiaticus", "germanicus", "superbus", "priscus", "pius", "felix",
    "maximus", "minor", "major", "cunctator", "augustus"})
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")


@dataclass(frozen=True)
class Filed:
    """A name as an index files it, and other forms that point there (``de Gaulle, Charles``)."""

    text: str
    family: str | None = None  # the family name it files under; None when kept as written
    variants: tuple[str, ...] = ()


def family_name(name: str, aliases: Iterable[str] = ()) -> str | None:
    """The family name of ``name`` as an index files it (``Roosevelt`` of ``Franklin D.
    Roosevelt``, ``Gaulle`` of ``Charles de Gaulle``); None for a name kept as written."""
    return filed(name, aliases).family


def filed(name: str, aliases: Iterable[str] = ()) -> Filed:
    """``name`` as a back-of-book index files it: ``Roosevelt, Franklin D.``, ``King, Martin
    Luther, Jr.``, ``Gaulle, Charles de``; as written wherever its shape is unclear."""
    text = " ".join(tokens(name))
    core, tail = _split_parenthesis(text)
    words = tokens(core.replace(",", " , "))
    suffix = ""
    if words and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    while words and words[-1] == ",":
        words.pop()
    if "," in words or not _invertible(words, core, aliases):
        return Filed(text)
    cut = len(words) - 1
    if cut > 1 and words[cut - 1].lower() in _TRAILING_PARTICLES and words[cut - 1][0].isupper():
        cut -= 1  # a capitalised particle is the family name's own: "Van Buren, Martin"
        words = [*words[:cut], f"{words[cut]} {words[-1]}"]
    while cut > 1 and words[cut - 1].lower() in _TRAILING_PARTICLES:
        cut -= 1
    family, given, particles = words[-1], words[:cut], words[cut:-1]
    if not given:
        return Filed(text)
    head = f"{family}, {' '.join([*given, *particles])}"
    head += f", {suffix}" if suffix else ""
    head += f" {tail}" if tail else ""
    variants = ()
    if particles:
        variant = f"{' '.join([*particles, family])}, {' '.join(given)}"
        variants = (variant + (f", {suffix}" if suffix else "") + (f" {tail}" if tail else ""),)
    return Filed(head, family, variants)


def _split_parenthesis(text: str) -> tuple[str, str]:
    """``Spartacus (d. 71 BCE)`` → (``Spartacus``, ``(d. 71 BCE)``)."""
    m = re.match(r"^(.*?\S)\s*(\([^()]*\))$", text)
    return (m.group(1), m.group(2)) if m else (text, "")


def _invertible(words: list[str], core: str, aliases: Iterable[str]) -> bool:
    """Whether ``words`` read as given names then a family name."""
    if len(words) < 2 or CJK.search(core) or family_first(core, aliases):
        return False
    lowered = [w.lower() for w in words]
    if lowered[0] in _TITLES or any(w in _NOT_A_FAMILY or _ARABIC_ARTICLE.match(w)
                                    for w in lowered):
        return False
    if any(_ROMAN.match(w) for w in words[1:]):
        return False  # a regnal number: "Louis XIV", "Henry VIII"
    if lowered[-1] in _EPITHETS or (lowered[0] in _PRAENOMINA and len(words) > 3):
        return False
    last = words[-1]
    if not (_NAME_WORD.match(last) and last[0].isupper() and len(last) >= 2):
        return False
    # every other word a name, an initial or a particle: anything else is no plain name
    return all(_NAME_WORD.match(w.rstrip(".")) and (w[0].isupper() or w.lower()
               in _TRAILING_PARTICLES) for w in words[:-1])
