"""The date grammar's words and calendar facts, as data."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# EDTF season code -> (first month, last month); winter ends in the next year.
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
WINTER = 24

QUALIFIERS = {"early": "early", "mid": "mid", "middle": "mid", "late": "late"}
CIRCA = {"c", "ca", "circa", "approx", "approximately", "around", "about"}
CENTURY_WORDS = {"century", "cent", "centuries"}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "twenty-second": 22, "twenty second": 22,
}  # fmt: skip
# Words that are tokens of their own kind (the kind is the word).
GRAMMAR_WORDS = ("the", "year", "of", "and", "last")

# Part of a decade / century / year / month that "early", "mid" and "late" take.
DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}
CENTURY_PARTS = {"early": (0, 39), "mid": (30, 69), "late": (70, 99)}
YEAR_PARTS = {"early": (1, 4, 37), "mid": (5, 8, 38), "late": (9, 12, 39)}
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# "first half of", "last quarter of": how many equal parts the span is cut into.
FRACTIONS = {"half": 2, "quarter": 4}
MONTH_HALVES = {1: (1, 15), 2: (16, 31)}
# EDTF sub-year codes of a year's halves (semesters) and quarters, by part number.
YEAR_FRACTION_CODES = {2: (40, 41), 4: (33, 34, 35, 36)}

UNKNOWN = {
    "unknown", "unknown date", "date unknown", "undated", "n.d", "n. d", "no date",
    "unknown year", "year unknown", "?", "??", "???",
}  # fmt: skip

MAX_YEAR = 99_999  # the largest year; one with a month or day must also fit in four digits

# Eras and reign titles that name a year before its number ("Meiji 1", "Kangxi 61"), folded to
# lower-case ASCII. A date in such an era counts only with its Western year in parentheses:
# the tables say which words are eras, never which Western year they mean.
_JAPANESE_ERAS = (  # from the late Edo period on
    "bunka bunsei tenpo tempo koka kaei ansei manen bunkyu genji keio meiji taisho showa heisei "
    "reiwa"
)
_CHINESE_REIGNS = (  # Tang, Ming and Qing reign titles, and the Republic's calendar
    "zhenguan kaiyuan tianbao hongwu jianwen yongle hongxi xuande zhengtong jingtai tianshun "
    "chenghua hongzhi zhengde jiajing longqing wanli taichang tianqi chongzhen shunzhi kangxi "
    "yongzheng qianlong jiaqing daoguang xianfeng tongzhi guangxu xuantong minguo"
)
_OTHER_ERAS = "gwangmu yunghui juche ah auc"  # the Korean Empire; calendar eras
ERA_NAMES = frozenset(f"{_JAPANESE_ERAS} {_CHINESE_REIGNS} {_OTHER_ERAS}".split())
# Calendar eras written after the number ("1 AH", "753 AUC").
ERA_NAMES_AFTER = frozenset({"ah", "auc", "am", "be", "se"})
