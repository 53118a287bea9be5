"""Tests of the date parser: a table of dates as notes write them, then properties."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.dates import DateError, leading_date, looks_like_date, parse_date
from studypress.model import Day, Precision

D, M, S, Y = Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR
DEC, C = Precision.DECADE, Precision.CENTURY

HALF_TO_HALF = "second half of the 18th century – first half of the 19th century"

# text, edtf, precision, earliest, latest, flags ("a" approximate, "u" uncertain, "r" range)
VALID = [
    # days
    ("November 15, 1933", "1933-11-15", D, "1933-11-15", "1933-11-15", ""),
    ("7 November 1917", "1917-11-07", D, "1917-11-07", "1917-11-07", ""),
    ("November 7 1917", "1917-11-07", D, "1917-11-07", "1917-11-07", ""),
    ("7 Nov. 1917", "1917-11-07", D, "1917-11-07", "1917-11-07", ""),
    ("1918-03-03", "1918-03-03", D, "1918-03-03", "1918-03-03", ""),
    ("Jan. 21, 1924", "1924-01-21", D, "1924-01-21", "1924-01-21", ""),
    ("Feb. 28, 1953", "1953-02-28", D, "1953-02-28", "1953-02-28", ""),
    ("Sept. 3, 1939", "1939-09-03", D, "1939-09-03", "1939-09-03", ""),
    ("sep 3, 1939", "1939-09-03", D, "1939-09-03", "1939-09-03", ""),
    ("Jul. 4, 1776", "1776-07-04", D, "1776-07-04", "1776-07-04", ""),
    ("1 December 1934", "1934-12-01", D, "1934-12-01", "1934-12-01", ""),
    ("1st November 1917", "1917-11-01", D, "1917-11-01", "1917-11-01", ""),
    ("November 1st, 1917", "1917-11-01", D, "1917-11-01", "1917-11-01", ""),
    ("March 15, 44 BCE", "-0043-03-15", D, "-0043-03-15", "-0043-03-15", ""),
    ("January 10, 49 BCE", "-0048-01-10", D, "-0048-01-10", "-0048-01-10", ""),
    ("February 29, 2000", "2000-02-29", D, "2000-02-29", "2000-02-29", ""),
    ("29 February 1904", "1904-02-29", D, "1904-02-29", "1904-02-29", ""),
    ("February 29, 45 BCE", "-0044-02-29", D, "-0044-02-29", "-0044-02-29", ""),
    ("February 29, 1 BCE", "0000-02-29", D, "0000-02-29", "0000-02-29", ""),
    ("December 31, 1 BCE", "0000-12-31", D, "0000-12-31", "0000-12-31", ""),
    ("January 1, 1 CE", "0001-01-01", D, "0001-01-01", "0001-01-01", ""),
    # months
    ("December 1917", "1917-12", M, "1917-12-01", "1917-12-31", ""),
    ("June 1941", "1941-06", M, "1941-06-01", "1941-06-30", ""),
    ("February 1900", "1900-02", M, "1900-02-01", "1900-02-28", ""),
    ("February 2000", "2000-02", M, "2000-02-01", "2000-02-29", ""),
    ("SEPTEMBER 1939", "1939-09", M, "1939-09-01", "1939-09-30", ""),
    ("sept 1939", "1939-09", M, "1939-09-01", "1939-09-30", ""),
    ("March 44 BCE", "-0043-03", M, "-0043-03-01", "-0043-03-31", ""),
    ("June 41", "0041-06", M, "0041-06-01", "0041-06-30", ""),
    ("1917-12", "1917-12", M, "1917-12-01", "1917-12-31", ""),
    ("early December 1917", "1917-12-01/1917-12-10", M, "1917-12-01", "1917-12-10", ""),
    ("late February 1900", "1900-02-21/1900-02-28", M, "1900-02-21", "1900-02-28", ""),
    # seasons
    ("Summer 1917", "1917-22", S, "1917-06-01", "1917-08-31", ""),
    ("Spring 1917", "1917-21", S, "1917-03-01", "1917-05-31", ""),
    ("Autumn 1917", "1917-23", S, "1917-09-01", "1917-11-30", ""),
    ("Fall 1917", "1917-23", S, "1917-09-01", "1917-11-30", ""),
    ("Winter 1941", "1941-24", S, "1941-12-01", "1942-02-28", ""),
    ("Winter 1943", "1943-24", S, "1943-12-01", "1944-02-29", ""),
    ("Winter 1 BCE", "0000-24", S, "0000-12-01", "0001-02-28", ""),
    # years
    ("1933", "1933", Y, "1933-01-01", "1933-12-31", ""),
    ("1066", "1066", Y, "1066-01-01", "1066-12-31", ""),
    ("216 BCE", "-0215", Y, "-0215-01-01", "-0215-12-31", ""),
    ("AD 14", "0014", Y, "0014-01-01", "0014-12-31", ""),
    ("14 AD", "0014", Y, "0014-01-01", "0014-12-31", ""),
    ("A.D. 800", "0800", Y, "0800-01-01", "0800-12-31", ""),
    ("800 CE", "0800", Y, "0800-01-01", "0800-12-31", ""),
    ("44 BC", "-0043", Y, "-0043-01-01", "-0043-12-31", ""),
    ("44 B.C.E.", "-0043", Y, "-0043-01-01", "-0043-12-31", ""),
    ("1 BCE", "0000", Y, "0000-01-01", "0000-12-31", ""),
    ("year 1917", "1917", Y, "1917-01-01", "1917-12-31", ""),
    ("10,000 BCE", "-9999", Y, "-9999-01-01", "-9999-12-31", ""),
    ("c. 12,000 BCE", "Y-11999~", Y, "-11999-01-01", "-11999-12-31", "a"),
    ("c. 509 BCE", "-0508~", Y, "-0508-01-01", "-0508-12-31", "a"),
    ("ca. 509 BCE", "-0508~", Y, "-0508-01-01", "-0508-12-31", "a"),
    ("circa 509 BCE", "-0508~", Y, "-0508-01-01", "-0508-12-31", "a"),
    ("c. 1900", "1900~", Y, "1900-01-01", "1900-12-31", "a"),
    ("~1917", "1917~", Y, "1917-01-01", "1917-12-31", "a"),
    ("1917?", "1917?", Y, "1917-01-01", "1917-12-31", "u"),
    ("c. 1917?", "1917%", Y, "1917-01-01", "1917-12-31", "au"),
    ("183/181 BCE", "[-0182,-0180]", Y, "-0182-01-01", "-0180-12-31", "u"),
    ("1917/18", "[1917,1918]", Y, "1917-01-01", "1918-12-31", "u"),
    ("Early 1917", "1917-37", Y, "1917-01-01", "1917-04-30", ""),
    ("mid-1917", "1917-38", Y, "1917-05-01", "1917-08-31", ""),
    ("Late 1917", "1917-39", Y, "1917-09-01", "1917-12-31", ""),
    # decades
    ("1920s", "192X", DEC, "1920-01-01", "1929-12-31", ""),
    ("the 1920s", "192X", DEC, "1920-01-01", "1929-12-31", ""),
    ("1920's", "192X", DEC, "1920-01-01", "1929-12-31", ""),
    ("1930s?", "193X?", DEC, "1930-01-01", "1939-12-31", "u"),
    ("c. 1920s", "192X~", DEC, "1920-01-01", "1929-12-31", "a"),
    ("Early 1920s", "1920/1923", DEC, "1920-01-01", "1923-12-31", ""),
    ("early 1930s", "1930/1933", DEC, "1930-01-01", "1933-12-31", ""),
    ("Mid-1940s", "1943/1946", DEC, "1943-01-01", "1946-12-31", ""),
    ("mid 1940s", "1943/1946", DEC, "1943-01-01", "1946-12-31", ""),
    ("Late 1920s", "1927/1929", DEC, "1927-01-01", "1929-12-31", ""),
    ("10s", "001X", DEC, "0010-01-01", "0019-12-31", ""),
    ("40s BCE", "-0048/-0039", DEC, "-0048-01-01", "-0039-12-31", ""),
    # centuries
    ("19th century", "1801/1900", C, "1801-01-01", "1900-12-31", ""),
    ("19th-century", "1801/1900", C, "1801-01-01", "1900-12-31", ""),
    ("21st century", "2001/2100", C, "2001-01-01", "2100-12-31", ""),
    ("twentieth century", "1901/2000", C, "1901-01-01", "2000-12-31", ""),
    ("1st century", "0001/0100", C, "0001-01-01", "0100-12-31", ""),
    ("1st century BCE", "-0099/0000", C, "-0099-01-01", "0000-12-31", ""),
    ("5th century BCE", "-0499/-0400", C, "-0499-01-01", "-0400-12-31", ""),
    ("2nd century BC", "-0199/-0100", C, "-0199-01-01", "-0100-12-31", ""),
    ("early 20th century", "1901/1940", C, "1901-01-01", "1940-12-31", ""),
    ("mid-19th century", "1831/1870", C, "1831-01-01", "1870-12-31", ""),
    ("Late 19th century", "1871/1900", C, "1871-01-01", "1900-12-31", ""),
    # ranges
    ("264–241 BCE", "-0263/-0240", Y, "-0263-01-01", "-0240-12-31", "r"),
    ("82–79 BCE", "-0081/-0078", Y, "-0081-01-01", "-0078-12-31", "r"),
    ("63 BCE–14 CE", "-0062/0014", Y, "-0062-01-01", "0014-12-31", "r"),
    ("206 BCE – 220 CE", "-0205/0220", Y, "-0205-01-01", "0220-12-31", "r"),
    ("1 BCE – 1 CE", "0000/0001", Y, "0000-01-01", "0001-12-31", "r"),
    ("AD 14–37", "0014/0037", Y, "0014-01-01", "0037-12-31", "r"),
    ("1932–1933", "1932/1933", Y, "1932-01-01", "1933-12-31", "r"),
    ("1933-1945", "1933/1945", Y, "1933-01-01", "1945-12-31", "r"),
    ("1917-1939", "1917/1939", Y, "1917-01-01", "1939-12-31", "r"),
    ("1917 - 1918", "1917/1918", Y, "1917-01-01", "1918-12-31", "r"),
    ("1917—1918", "1917/1918", Y, "1917-01-01", "1918-12-31", "r"),
    ("1917 — 1918", "1917/1918", Y, "1917-01-01", "1918-12-31", "r"),
    ("1941–42", "1941/1942", Y, "1941-01-01", "1942-12-31", "r"),
    ("1914-18", "1914/1918", Y, "1914-01-01", "1918-12-31", "r"),
    ("1905-06", "1905/1906", Y, "1905-01-01", "1906-12-31", "r"),
    ("1914–1918?", "1914/1918?", Y, "1914-01-01", "1918-12-31", "ur"),
    ("247–183/181 BCE", "-0246/-0180?", Y, "-0246-01-01", "-0180-12-31", "ur"),
    ("c. 115–53 BCE", "-0114~/-0052~", Y, "-0114-01-01", "-0052-12-31", "ar"),
    ("c. 535–509 BCE", "-0534~/-0508~", Y, "-0534-01-01", "-0508-12-31", "ar"),
    ("c. 2589–2566 BCE", "-2588~/-2565~", Y, "-2588-01-01", "-2565-12-31", "ar"),
    ("circa 1900–1917", "1900~/1917~", Y, "1900-01-01", "1917-12-31", "ar"),
    ("c. 1941–42", "1941~/1942~", Y, "1941-01-01", "1942-12-31", "ar"),
    ("c. 63 BCE – 14 CE", "-0062~/0014", Y, "-0062-01-01", "0014-12-31", "ar"),
    ("~1900–1917", "1900~/1917", Y, "1900-01-01", "1917-12-31", "ar"),
    ("c. 115 BCE – c. 53 BCE", "-0114~/-0052~", Y, "-0114-01-01", "-0052-12-31", "ar"),
    ("July 17 – August 2, 1945", "1945-07-17/1945-08-02", D, "1945-07-17", "1945-08-02", "r"),
    ("17 July – 2 August 1945", "1945-07-17/1945-08-02", D, "1945-07-17", "1945-08-02", "r"),
    ("February 4–11, 1945", "1945-02-04/1945-02-11", D, "1945-02-04", "1945-02-11", "r"),
    ("4–11 February 1945", "1945-02-04/1945-02-11", D, "1945-02-04", "1945-02-11", "r"),
    ("December 24 – January 6, 1918", "1917-12-24/1918-01-06", D, "1917-12-24", "1918-01-06", "r"),
    ("1918-03-03 – 1918-03-05", "1918-03-03/1918-03-05", D, "1918-03-03", "1918-03-05", "r"),
    ("July–November 1917", "1917-07/1917-11", M, "1917-07-01", "1917-11-30", "r"),
    ("December 1941 – March 1942", "1941-12/1942-03", M, "1941-12-01", "1942-03-31", "r"),
    ("Spring–Summer 1917", "1917-21/1917-22", S, "1917-03-01", "1917-08-31", "r"),
    ("Summer 1917 – Spring 1918", "1917-22/1918-21", S, "1917-06-01", "1918-05-31", "r"),
    ("July 1917 – 1918", "1917-07/1918", Y, "1917-07-01", "1918-12-31", "r"),
    ("1920s–1930s", "192X/193X", DEC, "1920-01-01", "1939-12-31", "r"),
    ("1920s–30s", "192X/193X", DEC, "1920-01-01", "1939-12-31", "r"),
    ("late 1920s – early 1930s", "1927/1933", DEC, "1927-01-01", "1933-12-31", "r"),
    ("5th–3rd century BCE", "-0499/-0200", C, "-0499-01-01", "-0200-12-31", "r"),
    ("3rd century BCE – 2nd century CE", "-0299/0200", C, "-0299-01-01", "0200-12-31", "r"),
    ("1914–18", "1914/1918", Y, "1914-01-01", "1918-12-31", "r"),
    ("14th–15th centuries", "1301/1500", C, "1301-01-01", "1500-12-31", "r"),
    ("14th-15th centuries", "1301/1500", C, "1301-01-01", "1500-12-31", "r"),
    ("the 14th–15th centuries", "1301/1500", C, "1301-01-01", "1500-12-31", "r"),
    ("1800s–1900s", "18XX/19XX", C, "1800-01-01", "1999-12-31", "r"),
    ("late 1700s – early 1800s", "1770/1839", C, "1770-01-01", "1839-12-31", "r"),
    # "and" joining two decades or centuries that meet
    ("the 1920s and 1930s", "192X/193X", DEC, "1920-01-01", "1939-12-31", "r"),
    ("The 1920s and the 1930s", "192X/193X", DEC, "1920-01-01", "1939-12-31", "r"),
    ("1920s and 30s", "192X/193X", DEC, "1920-01-01", "1939-12-31", "r"),
    ("late 1920s and early 1930s", "1927/1933", DEC, "1927-01-01", "1933-12-31", "r"),
    ("the 14th and 15th centuries", "1301/1500", C, "1301-01-01", "1500-12-31", "r"),
    ("14th and 15th century", "1301/1500", C, "1301-01-01", "1500-12-31", "r"),
    ("the 5th and 4th centuries BCE", "-0499/-0300", C, "-0499-01-01", "-0300-12-31", "r"),
    ("the 1800s and 1900s", "18XX/19XX", C, "1800-01-01", "1999-12-31", "r"),
    # hundreds: a year ending in 00 with an "s" is the hundred years
    ("1800s", "18XX", C, "1800-01-01", "1899-12-31", ""),
    ("the 1800s", "18XX", C, "1800-01-01", "1899-12-31", ""),
    ("The 1800s", "18XX", C, "1800-01-01", "1899-12-31", ""),
    ("1800's", "18XX", C, "1800-01-01", "1899-12-31", ""),
    ("1600s", "16XX", C, "1600-01-01", "1699-12-31", ""),
    ("1900s", "19XX", C, "1900-01-01", "1999-12-31", ""),
    ("100s", "01XX", C, "0100-01-01", "0199-12-31", ""),
    ("c. 1800s", "18XX~", C, "1800-01-01", "1899-12-31", "a"),
    ("1800s?", "18XX?", C, "1800-01-01", "1899-12-31", "u"),
    ("early 1800s", "1800/1839", C, "1800-01-01", "1839-12-31", ""),
    ("mid-1800s", "1830/1869", C, "1830-01-01", "1869-12-31", ""),
    ("Mid-1600s", "1630/1669", C, "1630-01-01", "1669-12-31", ""),
    ("mid 1800s", "1830/1869", C, "1830-01-01", "1869-12-31", ""),
    ("late 1800s", "1870/1899", C, "1870-01-01", "1899-12-31", ""),
    ("the late 1800s", "1870/1899", C, "1870-01-01", "1899-12-31", ""),
    ("500s BCE", "-0598/-0499", C, "-0598-01-01", "-0499-12-31", ""),
    ("1800", "1800", Y, "1800-01-01", "1800-12-31", ""),
    ("1810s", "181X", DEC, "1810-01-01", "1819-12-31", ""),
    ("mid-1810s", "1813/1816", DEC, "1813-01-01", "1816-12-31", ""),
    ("1890s", "189X", DEC, "1890-01-01", "1899-12-31", ""),
    # a leading "the", any case
    ("THE 1920s", "192X", DEC, "1920-01-01", "1929-12-31", ""),
    ("the 19th century", "1801/1900", C, "1801-01-01", "1900-12-31", ""),
    ("The 19th century", "1801/1900", C, "1801-01-01", "1900-12-31", ""),
    ("the early 20th century", "1901/1940", C, "1901-01-01", "1940-12-31", ""),
    ("late 18th century", "1771/1800", C, "1771-01-01", "1800-12-31", ""),
    # halves and quarters
    ("first half of the 20th century", "1901/1950", C, "1901-01-01", "1950-12-31", ""),
    ("The first half of the 20th century", "1901/1950", C, "1901-01-01", "1950-12-31", ""),
    ("second half of the 19th century", "1851/1900", C, "1851-01-01", "1900-12-31", ""),
    ("first quarter of the 18th century", "1701/1725", C, "1701-01-01", "1725-12-31", ""),
    ("third quarter of the 18th century", "1751/1775", C, "1751-01-01", "1775-12-31", ""),
    ("last quarter of the 18th century", "1776/1800", C, "1776-01-01", "1800-12-31", ""),
    ("last half of the 18th century", "1751/1800", C, "1751-01-01", "1800-12-31", ""),
    ("1st half of the 19th century", "1801/1850", C, "1801-01-01", "1850-12-31", ""),
    ("first half of the 5th century BCE", "-0499/-0450", C, "-0499-01-01", "-0450-12-31", ""),
    ("first half of the 1800s", "1800/1849", C, "1800-01-01", "1849-12-31", ""),
    ("second half of the 1920s", "1925/1929", DEC, "1925-01-01", "1929-12-31", ""),
    ("first half of 1917", "1917-40", Y, "1917-01-01", "1917-06-30", ""),
    ("second half of 1917", "1917-41", Y, "1917-07-01", "1917-12-31", ""),
    ("second quarter of 1917", "1917-34", Y, "1917-04-01", "1917-06-30", ""),
    ("last quarter of 1917", "1917-36", Y, "1917-10-01", "1917-12-31", ""),
    ("first half of March 1917", "1917-03-01/1917-03-15", M, "1917-03-01", "1917-03-15", ""),
    ("second half of Feb. 1900", "1900-02-16/1900-02-28", M, "1900-02-16", "1900-02-28", ""),
    ("c. first half of the 20th century", "1901~/1950~", C, "1901-01-01", "1950-12-31", "a"),
    (HALF_TO_HALF, "1751/1850", C, "1751-01-01", "1850-12-31", "r"),
    # one winter written with both its years
    ("Winter 1941–42", "1941-24", S, "1941-12-01", "1942-02-28", ""),
    ("winter 1941-42", "1941-24", S, "1941-12-01", "1942-02-28", ""),
    ("Winter 1941 – 1942", "1941-24", S, "1941-12-01", "1942-02-28", ""),
    ("winter 1916/17", "1916-24", S, "1916-12-01", "1917-02-28", ""),
    ("Winter 1916/1917", "1916-24", S, "1916-12-01", "1917-02-28", ""),
    ("Winter 1943–44", "1943-24", S, "1943-12-01", "1944-02-29", ""),
    ("Winter 1899–00", "1899-24", S, "1899-12-01", "1900-02-28", ""),
    ("winter 45/44 BCE", "-0044-24", S, "-0044-12-01", "-0043-02-28", ""),
    ("winter 1941–42?", "1941-24?", S, "1941-12-01", "1942-02-28", "u"),
    ("c. winter 1941–42", "1941-24~", S, "1941-12-01", "1942-02-28", "a"),
    ("Winter 1941–43", "1941-24/1943", Y, "1941-12-01", "1943-12-31", "r"),
    ("Summer 1917–18", "1917-22/1918", Y, "1917-06-01", "1918-12-31", "r"),
    # abbreviated months
    ("Oct. 1917", "1917-10", M, "1917-10-01", "1917-10-31", ""),
    ("Sept. 1939", "1939-09", M, "1939-09-01", "1939-09-30", ""),
    # a trailing note or a bracketed insertion is ignored
    ('October 27, 1962 ("Black Saturday")', "1962-10-27", D, "1962-10-27", "1962-10-27", ""),
    ("Oct. 1917 (Old Style)", "1917-10", M, "1917-10-01", "1917-10-31", ""),
    ("27 July 1794 (9 Thermidor, Year II)", "1794-07-27", D, "1794-07-27", "1794-07-27", ""),
    ("9 November 1799 (18 Brumaire)", "1799-11-09", D, "1799-11-09", "1799-11-09", ""),
    ("25 October [O.S. 7 November] 1917", "1917-10-25", D, "1917-10-25", "1917-10-25", ""),
    ("25 October 1917 [O.S.]", "1917-10-25", D, "1917-10-25", "1917-10-25", ""),
    ("1917 (Old Style) (approx.)", "1917", Y, "1917-01-01", "1917-12-31", ""),
    ("264–241 BCE (First Punic War)", "-0263/-0240", Y, "-0263-01-01", "-0240-12-31", "r"),
]

# text, a fragment of the message, whether the text is still date-shaped
INVALID = [
    ("Febtember 1900", "'Febtember' is not a month name", True),
    ("Novembr 1917", "did you mean November?", True),
    ("Jully 4, 1776", "did you mean July?", True),
    ("31 February 1900", "February 1900 has no day 31", True),
    ("February 29, 1900", "February 1900 has no day 29", True),
    ("February 30, 2000", "February 2000 has no day 30", True),
    ("February 29, 44 BCE", "February 44 BCE has no day 29", True),
    ("2023-02-29", "February 2023 has no day 29", True),
    ("32 January 1900", "January 1900 has no day 32", True),
    ("April 31, 1917", "April 1917 has no day 31", True),
    ("Sept. 31, 1939", "September 1939 has no day 31", True),
    ("0 January 1900", "January 1900 has no day 0", True),
    ("1917-02-00", "February 1917 has no day 0", True),
    ("1900-13-01", "there is no month 13", True),
    ("1917-00-10", "there is no month 0", True),
    ("0 CE", "there is no year 0", True),
    ("0 BCE", "there is no year 0", True),
    ("year 0", "there is no year 0", True),
    ("0s", "'0s' is not a decade", True),
    ("1925s", "'1925s' is not a decade", True),
    ("0th century", "0th century", True),
    ("1945–1933", "ends before it starts", True),
    ("1917–12", "ends before it starts", True),
    ("1918-03-03 – 1918-03-01", "ends before it starts", True),
    ("1917–", "has no end", True),
    ("–1917", "has no start", True),
    ("July 17", "has no year", True),
    ("Summer", "has no year", True),
    ("February 4–11", "has no year", True),
    ("11, 1945", "has no month", True),
    ("early summer 1917", "'early' cannot qualify", True),
    ("100001", "out of range", True),
    ("", "not a date", False),
    ("   ", "not a date", False),
    ("hello", "not a date: 'hello'", False),
    ("Revolution of 1905", "not a date", False),
    ("1905 Revolution", "not a date", False),
    ("Extensive commercial links develop", "not a date", False),
    ("March on Rome", "not a date", False),
    ("Marxism 1900", "not a date", False),
    ("19th", "not a date", False),
    ("1914–1918–1920", "not a date", False),
    ("12345678 BCE", "not a date", False),
    # "and" between periods that do not meet: date-shaped, but no single span
    ("the 1920s and 1940s", "do not follow each other", True),
    ("the 14th and 16th centuries", "do not follow each other", True),
    # halves and quarters of what has none
    ("third half of the 19th century", "there is no third half", True),
    ("fifth quarter of 1917", "there is no fifth quarter", True),
    ("first quarter of the 1920s", "not split into quarters", True),
    ("first quarter of March 1917", "not split into quarters", True),
    ("first half of Summer 1917", "cannot split", True),
    ("second half of 4 July 1917", "cannot split", True),
    ("first half of 4–11 February 1945", "cannot split", True),
    ("first half of the late 19th century", "use one", True),
    ("winter 1916/18", "not a date", False),
    ("Febtember 1900 (a note)", "'Febtember' is not a month name", True),
    ("31 February 1900 [sic]", "February 1900 has no day 31", True),
    # ordinary prose stays prose
    ("The first half of the match", "not a date", False),
    ("the second half", "not a date", False),
    ("first quarter", "not a date", False),
    ("Winter is coming", "not a date", False),
    ("Winter of discontent", "not a date", False),
    ("the 20 men", "not a date", False),
    ("the match", "not a date", False),
    ("the 20th", "not a date", False),
    ("the 14th and 15th", "not a date", False),
    ("1917 and 1918", "not a date", False),
    ("1905 and the revolution", "not a date", False),
    ("the 1920s and beyond", "not a date", False),
    ("Febtember and March", "not a date", False),
    ("Black Saturday (1962)", "not a date", False),
    ("(1917)", "not a date", False),
    ("[1917]", "not a date", False),
    ("1917 [?]", "not a date", False),
    ("1917 (Old Style", "not a date", False),
    ("last of the Romanovs", "not a date", False),
    ("the quarter of 1917", "not a date", False),
]

UNKNOWN = ["Unknown date", "unknown", "UNKNOWN", "Undated", "n.d.", " n.d. ", "Date unknown", "?"]


def _flags(d) -> str:
    return "a" * d.approximate + "u" * d.uncertain + "r" * d.is_range


@pytest.mark.parametrize(("text", "edtf", "precision", "earliest", "latest", "flags"), VALID)
def test_valid(text, edtf, precision, earliest, latest, flags):
    d = parse_date(text)
    assert d is not None
    got = (d.edtf, d.precision, d.earliest.iso(), d.latest.iso(), _flags(d))
    assert got == (edtf, precision, earliest, latest, flags)
    assert d.text == text.strip()
    assert looks_like_date(text)


@pytest.mark.parametrize(("text", "message", "shaped"), INVALID)
def test_invalid(text, message, shaped):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert message in str(info.value)
    assert looks_like_date(text) is shaped


@pytest.mark.parametrize("text", UNKNOWN)
def test_explicit_unknown(text):
    assert parse_date(text) is None
    assert looks_like_date(text)


def test_date_error_is_value_error():
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("November 15, 1933", "November 15, 1933"),
        ("  March   15,  44 BCE ", "March 15, 44 BCE"),
        ("1933-1945", "1933–1945"),
        ("1917 — 1918", "1917 – 1918"),
        ("1917 -1918", "1917 – 1918"),
        ("63 BCE–14 CE", "63 BCE–14 CE"),
        ("July 17 – August 2, 1945", "July 17 – August 2, 1945"),
        ("c. 509 BCE", "c. 509 BCE"),
        ("Winter 1941-42", "Winter 1941–42"),
        ("the 1920s and 1930s", "the 1920s and 1930s"),
        ("Oct. 1917 (Old Style)", "Oct. 1917"),
        ("25 October  [O.S. 7 November]  1917", "25 October 1917"),
        ("264 – 241 BCE (First Punic War)", "264 – 241 BCE"),
    ],
)
def test_display(text, display):
    d = parse_date(text)
    assert d is not None
    assert d.display == display


# ----------------------------------------------------------------------- leading_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1905 – Revolution of 1905 after Bloody Sunday",
            ("1905", "Revolution of 1905 after Bloody Sunday"),
        ),
        ("December 1917: text", ("December 1917", "text")),
        ("Extensive commercial links develop", None),
        ("1928: First Five-Year Plan", ("1928", "First Five-Year Plan")),
        ("Febtember 1900: x", ("Febtember 1900", "x")),
        ("1905 Revolution text", None),
        ("1905", ("1905", "")),
        ("  1914:  Russia enters the war  ", ("1914", "Russia enters the war")),
        ("November 15, 1933: the agreement", ("November 15, 1933", "the agreement")),
        ("Jan. 21, 1924 — Lenin dies", ("Jan. 21, 1924", "Lenin dies")),
        ("1932–1933: Famine", ("1932–1933", "Famine")),
        ("206 BCE – 220 CE: Han dynasty", ("206 BCE – 220 CE", "Han dynasty")),
        ("July 17 – August 2, 1945: Potsdam", ("July 17 – August 2, 1945", "Potsdam")),
        ("c. 509 BCE - Republic founded", ("c. 509 BCE", "Republic founded")),
        ("Unknown date: a secret meeting", ("Unknown date", "a secret meeting")),
        ("1917, the year of revolutions", ("1917", "the year of revolutions")),
        ("31 February 1900: x", ("31 February 1900", "x")),
        ("Bolsheviks: the majority faction", None),
        ("March on Rome: Mussolini", None),
        ("", None),
        # a trailing note stays in the prefix; parse_date reads past it
        (
            "9 November 1799 (18 Brumaire): Napoleon",
            ("9 November 1799 (18 Brumaire)", "Napoleon"),
        ),
        (
            "27 July 1794 (9 Thermidor, Year II): Robespierre falls",
            ("27 July 1794 (9 Thermidor, Year II)", "Robespierre falls"),
        ),
        (
            'October 27, 1962 ("Black Saturday"), a U-2 is shot down',
            ('October 27, 1962 ("Black Saturday")', "a U-2 is shot down"),
        ),
        (
            "25 October [O.S. 7 November] 1917 – the Bolsheviks take the Winter Palace",
            ("25 October [O.S. 7 November] 1917", "the Bolsheviks take the Winter Palace"),
        ),
        ("Winter 1941–42: the siege", ("Winter 1941–42", "the siege")),
        ("The 1920s and 1930s: boom and bust", ("The 1920s and 1930s", "boom and bust")),
        ("First half of the 20th century: wars", ("First half of the 20th century", "wars")),
        ("The first half of the match: goals", None),
        ("Winter is coming: a saying", None),
        ("Revolution (1905): x", None),
    ],
)
def test_leading_date(text, expected):
    assert leading_date(text) == expected


# ------------------------------------------------------------------------ Day.ordinal


@given(st.dates())
def test_ordinal_matches_datetime(d):
    assert Day(d.year, d.month, d.day).ordinal() == d.toordinal()


def test_ordinal_across_the_era_boundary():
    assert Day(-1, 12, 31).ordinal() + 1 == Day(1, 1, 1).ordinal() == 1
    assert Day(1, 1, 1).ordinal() == datetime.date(1, 1, 1).toordinal()
    assert Day(-1, 1, 1).ordinal() == 1 - 366  # 1 BCE is a leap year
    assert Day(-2, 12, 31).ordinal() + 1 == Day(-1, 1, 1).ordinal()


def _is_leap(astronomical: int) -> bool:
    return astronomical % 4 == 0 and (astronomical % 100 != 0 or astronomical % 400 == 0)


def _month_days(year: int, month: int) -> int:
    astronomical = year + 1 if year < 0 else year
    if month == 2:
        return 29 if _is_leap(astronomical) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _next_day(d: Day) -> Day:
    if d.day < _month_days(d.year, d.month):
        return Day(d.year, d.month, d.day + 1)
    if d.month < 12:
        return Day(d.year, d.month + 1, 1)
    return Day(1 if d.year == -1 else d.year + 1, 1, 1)


years = st.integers(min_value=-9999, max_value=9999).filter(lambda y: y != 0)


@st.composite
def days(draw) -> Day:
    year = draw(years)
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=_month_days(year, month)))
    return Day(year, month, day)


@given(days())
def test_ordinal_is_continuous(d):
    assert _next_day(d).ordinal() == d.ordinal() + 1


# ------------------------------------------------------------------------- properties

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


def _year_forms(year: int) -> list[str]:
    if year < 0:
        return [f"{-year} BCE", f"{-year} BC", f"{-year} B.C."]
    return [str(year), f"{year} CE", f"AD {year}", f"{year} AD"]


def _day_forms(d: Day) -> list[str]:
    name = MONTHS[d.month - 1]
    forms = []
    for y in _year_forms(d.year):
        forms += [
            f"{name} {d.day}, {y}",
            f"{d.day} {name} {y}",
            f"{name[:3]}. {d.day}, {y}",
            f"{d.day} {name.upper()} {y}",
        ]
    if d.year > 0:
        forms.append(d.iso())
    return forms


@given(days())
def test_formatted_days_parse_back(d):
    for text in _day_forms(d):
        parsed = parse_date(text)
        assert parsed is not None, text
        assert parsed.earliest == parsed.latest == d, text
        assert parsed.precision is Precision.DAY
        assert parsed.edtf == d.iso()


@given(years)
def test_formatted_years_parse_back(year):
    for text in _year_forms(year):
        parsed = parse_date(text)
        assert parsed is not None
        assert parsed.earliest == Day(year, 1, 1)
        assert parsed.latest == Day(year, 12, 31)


@given(days(), days())
def test_sort_keys_follow_chronology(a, b):
    pa, pb = parse_date(_day_forms(a)[0]), parse_date(_day_forms(b)[0])
    assert pa is not None and pb is not None
    assert (pa.sort_key < pb.sort_key) == (a < b)
    assert (pa.sort_key == pb.sort_key) == (a == b)


@given(years, years)
def test_year_ranges_are_ordered(a, b):
    start, end = sorted((a, b))
    text = f"{_year_forms(start)[0]} – {_year_forms(end)[0]}"
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.earliest == Day(start, 1, 1) and parsed.latest == Day(end, 12, 31)
    if start != end:  # with both eras written, since "1 – 1 BCE" is 1 BCE throughout
        with pytest.raises(DateError, match="ends before it starts"):
            parse_date(f"{_year_forms(end)[1]} – {_year_forms(start)[1]}")


PIECES = [
    "1917", "1933", "44", "0", "31", "29", "12", "3", "-", "–", "—", " ", " ", ",", "/", "?",
    "~", "BCE", "BC", "CE", "AD", "c.", "ca.", "s", "th", "st", "century", "early", "mid-",
    "late", "March", "Feb.", "Sept", "Summer", "Winter", "Febtember", "the", "year", "-03",
    "-02-29", "n.d.", "unknown", ":", "x", "00s", "1800s", "first", "last", " half of ",
    " quarter of ", " and ", " (", ")", "[", "]", "centuries", "/42", "winter",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_date_like_soup_is_safe_and_ordered(text):
    try:
        parsed = parse_date(text)
    except DateError:
        return
    if parsed is not None:
        assert parsed.earliest <= parsed.latest
        assert parsed.earliest.ordinal() <= parsed.latest.ordinal()
        assert parsed.span_days >= 1


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_text_only_raises_date_error(text):
    try:
        parsed = parse_date(text)
    except DateError:
        pass
    else:
        assert parsed is None or parsed.earliest <= parsed.latest
    assert isinstance(looks_like_date(text), bool)
    found = leading_date(text)
    assert found is None or looks_like_date(found[0])


def test_bce_ordinals_match_year_lengths():
    """Jan 1 of every year from 2000 BCE: its ordinal counts the real lengths of the years."""

    def leap(astro: int) -> bool:
        return astro % 4 == 0 and (astro % 100 != 0 or astro % 400 == 0)

    days_before_1_ce = 0
    for astro in range(0, -2000, -1):
        days_before_1_ce += 366 if leap(astro) else 365
        historical = astro - 1
        assert Day(historical, 1, 1).ordinal() == 1 - days_before_1_ce, historical


# ------------------------------------------------------- notes, hundreds, halves, winters

note_text = st.text(
    alphabet=st.characters(blacklist_characters="()[]", blacklist_categories=("Cs",)),
    max_size=20,
)


@settings(max_examples=100)
@given(days(), note_text, note_text)
def test_notes_do_not_change_the_date(d, note, insertion):
    plain = _day_forms(d)[1]  # "7 November 1917"
    expected = parse_date(plain)
    assert expected is not None
    day, rest = plain.split(" ", 1)
    for text in (f"{plain} ({note})", f"{day} [x{insertion}] {rest}", f"{plain} [x{insertion}]"):
        got = parse_date(text)
        assert got is not None, text
        assert (got.edtf, got.earliest, got.latest) == (expected.edtf, d, d), text
        assert got.text == text.strip()
        assert looks_like_date(text)


@given(st.integers(min_value=1, max_value=99))
def test_hundreds_are_a_hundred_years_not_a_year_or_a_decade(n):
    hundreds, year, decade = parse_date(f"{n}00s"), parse_date(f"{n}00"), parse_date(f"{n}10s")
    assert hundreds is not None and year is not None and decade is not None
    assert (hundreds.earliest, hundreds.latest) == (Day(n * 100, 1, 1), Day(n * 100 + 99, 12, 31))
    assert hundreds.precision is Precision.CENTURY
    assert year.precision is Precision.YEAR and year.latest == Day(n * 100, 12, 31)
    assert decade.precision is Precision.DECADE and decade.earliest == Day(n * 100 + 10, 1, 1)
    thirds = [parse_date(f"{q} {n}00s") for q in ("early", "mid", "late")]
    assert all(t is not None and t.precision is Precision.CENTURY for t in thirds)
    assert thirds[0].earliest == hundreds.earliest and thirds[-1].latest == hundreds.latest
    assert thirds[0].earliest < thirds[1].earliest < thirds[2].earliest


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


FRACTIONS = [("half", ["first", "second"]), ("quarter", ["first", "second", "third", "fourth"])]


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["", " BCE"]))
def test_halves_and_quarters_tile_the_century(n, era):
    century = parse_date(f"{_ordinal(n)} century{era}")
    assert century is not None
    for word, names in FRACTIONS:
        parts = [parse_date(f"{name} {word} of the {_ordinal(n)} century{era}") for name in names]
        assert all(p is not None and p.precision is Precision.CENTURY for p in parts)
        assert parts[0].earliest == century.earliest and parts[-1].latest == century.latest
        for a, b in itertools.pairwise(parts):
            assert _next_day(a.latest) == b.earliest


@given(st.integers(min_value=1, max_value=9998))
def test_a_winter_with_both_years_is_that_winter(year):
    winter = parse_date(f"Winter {year}")
    assert winter is not None
    following = f"{(year + 1) % 100:02d}" if year >= 100 else str(year + 1)
    for text in (f"Winter {year}–{following}", f"winter {year}/{year + 1}"):
        got = parse_date(text)
        assert got is not None, text
        assert (got.edtf, got.earliest, got.latest, got.is_range) == (
            winter.edtf, winter.earliest, winter.latest, False,
        ), text  # fmt: skip


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_circa_before_a_range_marks_both_ends(a, b):
    for text in (f"c. {min(a, b)}–{max(a, b)}", f"circa {max(a, b)}–{min(a, b)} BCE"):
        got = parse_date(text)
        assert got is not None, text
        start, end = got.edtf.split("/")
        assert got.approximate and start.endswith("~") and end.endswith("~"), text


def test_circa_stays_with_a_start_that_names_its_era():
    got = parse_date("c. 1 BCE – 1 CE")
    assert got is not None and got.edtf == "0000~/0001"


@pytest.mark.parametrize("text", ["31 February 1900", "Febtember 1917", "hello there",
                                  "44 BCE – 50 BCE", ""])
def test_a_text_read_again_raises_the_same_error_anew(text):
    from studypress.dates.parse import _answer

    raised = []
    hits = _answer.cache_info().hits
    for _ in range(3):
        with pytest.raises(DateError) as info:
            parse_date(text)
        raised.append(info.value)
    assert _answer.cache_info().hits >= hits + 2  # read once, answered twice from memory
    assert len({(type(e), str(e)) for e in raised}) == 1
    assert len({id(e) for e in raised}) == 3  # a new error each time: no traceback grows
    assert all(len(list(_frames(e.__traceback__))) < 6 for e in raised)


def _frames(tb):
    while tb is not None:
        yield tb
        tb = tb.tb_next


@given(st.sampled_from(["November 7, 1917", "c. 1066", "44 BCE", "1920s", "Unknown date",
                        "9 XI 1989", "Herbst 1923"]))
def test_a_date_read_again_is_the_same_date(text):
    assert parse_date(text) == parse_date(text)
    from studypress.dates.parse import _answer, _fresh

    assert _answer(text) == _fresh(text)
