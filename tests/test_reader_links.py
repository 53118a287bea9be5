"""People linked to events by every name form their cast line gives, and by no bare given name
or family name that means something else in the sentence."""

from __future__ import annotations

import pytest

from studypress.model import plain_text
from studypress.reader import read_text
from studypress.reader.names import family_first

CAST = (
    "## Key People\n\n"
    "- **Emperor Wu** (Han Wudi, reigned 141–87 BCE): Seventh emperor of Han.\n"
    "- **Qin Shi Huang** (Shi Huangdi, First Emperor, 259–210 BCE): Unified China.\n"
    "- **Abraham Lincoln** (1809–1865): President.\n"
    "- **Saigō Takamori** (1828–1877): Samurai leader.\n"
    "- **Ōkubo Toshimichi** (1830–1878): Statesman.\n"
    "- **Mao Zedong** (1893–1976): Chairman of the Party.\n"
    "- **Zhou Enlai** (1898–1976): Premier.\n"
    "- **Kim Il-sung** (1912–1994): Leader of North Korea.\n"
    "- **Kim Philby** (1912–1988): Spy.\n"
    "- **Justinian I** (482–565): Emperor.\n"
    "- **Tokugawa Yoshinobu** (徳川慶喜, 1837–1913): Last shogun.\n"
)


def linked(*events: str) -> dict[str, tuple[str, ...]]:
    timeline = "".join(f"- {e}\n" for e in events)
    note = read_text(CAST + "\n## Timeline\n\n" + timeline, "n.md", "n")
    return {plain_text(e.text): e.people for e in note.events}


@pytest.mark.parametrize(("event", "people"), [
    ("140 BCE: Emperor Wu takes the throne.", ("Emperor Wu",)),
    ("130 BCE: Han Wudi sends Zhang Qian west.", ("Emperor Wu",)),
    ("221 BCE: The First Emperor unifies China.", ("Qin Shi Huang",)),
    ("220 BCE: Shi Huangdi builds roads.", ("Qin Shi Huang",)),
    ("1863: Lincoln's address at Gettysburg.", ("Abraham Lincoln",)),
    ("1864: Lincoln’s second campaign.", ("Abraham Lincoln",)),
    ("1861: President Lincoln takes office.", ("Abraham Lincoln",)),
    ("1877: Saigō leads the Satsuma Rebellion.", ("Saigō Takamori",)),
    ("1876: Saigo resigns.", ("Saigō Takamori",)),
    ("1878: Ōkubo is assassinated.", ("Ōkubo Toshimichi",)),
    ("1949: Mao proclaims the People's Republic.", ("Mao Zedong",)),
    ("1950: Zhou meets Kim Il-sung.", ("Zhou Enlai", "Kim Il-sung")),
    ("1963: Philby defects.", ("Kim Philby",)),
    ("532: Justinian's generals end the Nika riots.", ("Justinian I",)),
    ("1867: Tokugawa resigns as shogun.", ("Tokugawa Yoshinobu",)),
])
def test_every_name_form_of_the_cast_links(event, people):
    (found,) = linked(event).values()
    assert found == people


@pytest.mark.parametrize("event", [
    "1877: Takamori Street is renamed.",     # a given name, and a place
    "1876: Toshimichi writes a letter.",     # a bare given name
    "1950: Enlai is not how he is called.",  # a given name of a family-first name
    "1960: Kim visits Moscow.",              # a family name two people share
    "1900: The Zhou dynasty is studied.",    # a family name naming a house
    "1850: The Tokugawa shogunate weakens.",
    "1862: The President writes.",           # a role that is no title of one person
])
def test_no_link_by_a_given_name_a_shared_name_or_another_word(event):
    (found,) = linked(event).values()
    assert found == ()


@pytest.mark.parametrize(("name", "aliases", "expected"), [
    ("Saigō Takamori", (), True),
    ("Mao Zedong", (), True),
    ("Kim Il-sung", (), True),
    ("Chiang Kai-shek", (), True),
    ("Tokugawa Ieyasu", (), True),
    ("Some Person", ("某人",), True),
    ("Kim Philby", (), False),
    ("Sun Tzu", (), False),
    ("Abraham Lincoln", (), False),
    ("Emperor Wu", (), False),
])
def test_family_name_first(name, aliases, expected):
    assert family_first(name, aliases) is expected


CJK_CAST = (
    "## 主要人物\n\n"
    "- **孙中山：** 中华民国临时大总统。\n"
    "- **袁世凯：** 北洋军阀首领。\n"
    "- **李鸿章：** 晚清重臣。\n"
    "- **李鸿：** 一个名字较短的人。\n"
    "- **徳川慶喜** (1837–1913)：最後の将軍。\n"
    "- **김구** (1876–1949): 독립운동가.\n"
    "- **Qin Shi Huang** (秦始皇, 259–210 BCE): Unified China.\n"
)


def cjk_linked(*events: str) -> dict[str, tuple[str, ...]]:
    timeline = "".join(f"- {e}\n" for e in events)
    note = read_text(CJK_CAST + "\n## 时间线\n\n" + timeline, "n.md", "n")
    return {plain_text(e.text): e.people for e in note.events}


@pytest.mark.parametrize(("event", "people"), [
    ("1912年：孙中山就任临时大总统。", ("孙中山",)),          # no space on either side
    ("1912年：袁世凯与孙中山议和。", ("孙中山", "袁世凯")),
    ("1895年：李鸿章签订条约。", ("李鸿章",)),                # not the shorter 李鸿 inside it
    ("1896年：李鸿章见李鸿。", ("李鸿章", "李鸿")),           # both, each where it stands
    ("1867年：徳川慶喜が大政を奉還する。", ("徳川慶喜",)),   # Japanese, kana after the name
    ("1919년: 김구는 상하이로 간다.", ("김구",)),              # Korean, a particle after it
    ("221 BCE: 秦始皇统一中国.", ("Qin Shi Huang",)),          # an alias in another script
    ("1900年：无人提及。", ()),
])
def test_names_in_cjk_script_link_without_spaces(event, people):
    (found,) = cjk_linked(event).values()
    assert sorted(found) == sorted(people)
