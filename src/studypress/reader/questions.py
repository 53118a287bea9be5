"""Quiz, answer key and essay sections: numbered items → questions and answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Collector
from ..model import (
    Block,
    BulletList,
    LineBreak,
    Paragraph,
    Question,
    QuestionKind,
    RichText,
    Strong,
    Text,
)
from ..model import plain_text as _plain
from . import inline


@dataclass(frozen=True)
class Numbered:
    """A numbered prompt or answer, its number None when unnumbered."""

    number: int | None
    text: RichText
    line: int


# "1.", "1)", "Q1:", and as Chinese and Japanese number them: "1、", "１．", "問1．", "第1题：";
# not "1、2两题为必答题" (questions 1 and 2 are required), which counts questions.
_LEADING_NUMBER = re.compile(
    r"^\s*(?:(?:Q\s*|問\s*)?(\d{1,3})[.):、．）]|第\s*(\d{1,3})\s*[题題問][\s:：、．.]*)"
    r"\s*(?![0-9]+\s*[两兩]?[道]?[题題問])")
# How a question ends: the Latin, the full-width (Chinese, Japanese) and the Greek mark.
QUESTION_MARKS = ("?", "？", "\u037e")


def _numbered_paragraph(para: Paragraph) -> Numbered | None:
    """``**1.** Why …`` or ``1) Why …`` written as a paragraph."""
    rich = para.text
    if rich and isinstance(rich[0], Strong):
        m = _LEADING_NUMBER.match(_plain(rich[0].children) + " ")
        if m and m.end() >= len(_plain(rich[0].children)):
            return Numbered(int(m.group(1) or m.group(2)), inline.lstrip_chars(rich[1:], ".):"),
                            para.line)
    if rich and isinstance(rich[0], Text):
        m = _LEADING_NUMBER.match(rich[0].value)
        if m:
            rest = (Text(rich[0].value[m.end() :]),) + rich[1:]
            return Numbered(int(m.group(1) or m.group(2)), inline.strip(rest), para.line)
    return None


def _numbered_lines(para: Paragraph) -> list[Numbered] | None:
    """``Q1. …`` / ``Q2. …`` on lines of one paragraph, no blank line between: a prompt each."""
    lines = inline.split_lines(para.text)
    if len(lines) < 2:
        return None
    found = [_numbered_paragraph(Paragraph(line, para.line + k)) for k, line in enumerate(lines)]
    return None if None in found else [n for n in found if n is not None]


def numbered_items(blocks: list[Block] | tuple[Block, ...],
                   ) -> tuple[list[Numbered], list[Block]]:
    """Items of numbered or bulleted lists and numbered paragraphs; other blocks come back."""
    items: list[Numbered] = []
    leftovers: list[Block] = []
    for block in blocks:
        if isinstance(block, BulletList):
            for item in block.items:
                # Options (a) 1917, b) 1933) and follow-on paragraphs stay with the question.
                nested, rest = inline.nested_text(item.children)
                leftovers.extend(rest)
                items.append(Numbered(item.number if block.ordered else None,
                                      item.text + nested, item.line))
        elif isinstance(block, Paragraph) and (lines := _numbered_lines(block)):
            items.extend(lines)
        elif isinstance(block, Paragraph) and (n := _numbered_paragraph(block)):
            items.append(n)
        else:
            leftovers.append(block)
    return items, leftovers


# "A1." or "A:" or "Answer:"; a bare "a)" is an option, not an answer.
_ANSWER_MARK = re.compile(r"^\s*(?:A(?P<n>\d{1,3})\s*[.):]|[Aa]nswer\s*[.:]|A\s*:)\s*")


def _answer_line(line: RichText) -> RichText | None:
    """``**A1.** The Nile`` or ``A: The Nile``: the answer's words, else None."""
    if line and isinstance(line[0], Strong) and _ANSWER_MARK.fullmatch(
            _plain(line[0].children) + " "):
        return inline.lstrip_chars(line[1:], ".):")
    if line and isinstance(line[0], Text):
        m = _ANSWER_MARK.match(line[0].value)
        if m and (m.group("n") or m.end() < len(line[0].value)):
            return inline.strip((Text(line[0].value[m.end() :]),) + line[1:])
    return None


def split_answers(items: list[Numbered]) -> tuple[list[Numbered], list[Numbered]]:
    """Questions with their own answer lines (``**Q1.** …`` then ``**A1.** …``) split into
    questions and answers; the answer takes its question's number when it has none."""
    questions: list[Numbered] = []
    answers: list[Numbered] = []
    for item in items:
        lines = inline.split_lines(item.text)
        at = next((i for i, ln in enumerate(lines) if i > 0 and _answer_line(ln) is not None),
                  None)
        if at is None:
            questions.append(item)
            continue
        prompt: RichText = ()
        for ln in lines[:at]:
            prompt += ((LineBreak(hard=False),) if prompt else ()) + ln
        answer: RichText = _answer_line(lines[at]) or ()
        for ln in lines[at + 1 :]:
            answer += (LineBreak(hard=False),) + ln
        questions.append(Numbered(item.number, prompt, item.line))
        answers.append(Numbered(item.number, inline.strip(answer), item.line + at))
    return questions, answers


def question_list(block: BulletList) -> bool:
    """A list of two or more items that mostly end with a question mark is a list of
    questions wherever it stands."""
    items = [i for i in block.items if i.text]
    asked = sum(1 for i in items if _plain(i.text).rstrip().endswith(QUESTION_MARKS))
    return len(items) >= 2 and asked * 3 >= len(items) * 2


def number_items(items: list[Numbered], first: int = 1) -> list[Numbered]:
    """Give unnumbered items (bullets) the next number in sequence."""
    out: list[Numbered] = []
    expected = first
    for item in items:
        number = item.number if item.number is not None else expected
        out.append(Numbered(number, item.text, item.line))
        expected = number + 1
    return out


_OPTION = re.compile(r"^\s*\(?(?P<letter>[a-hA-H])[).]\s+(?P<text>\S.*)$")
_LETTER_ANSWER = re.compile(r"^\s*\(?(?P<letter>[a-hA-H])\)?(?:\s*[—–:.-]\s*|\s*$)")


def with_option(prompt: RichText, answer: RichText) -> RichText:
    """``b — explanation`` for a question with ``a)`` … ``d)`` options names the option too:
    ``b) 1914 — explanation``, so the answer reads on its own."""
    options = {}
    for line in inline.split_lines(prompt):
        m = _OPTION.match(_plain(line))
        if m:
            options[m.group("letter").lower()] = m.group("text").strip()
    if not options or not answer or not isinstance(answer[0], Text):
        return answer
    m = _LETTER_ANSWER.match(answer[0].value)
    letter = m.group("letter").lower() if m else None
    if letter not in options:
        return answer
    rest = inline.strip((Text(answer[0].value[m.end() :]),) + answer[1:])  # type: ignore[union-attr]
    chosen = f"{letter}) {options[letter]}"
    return (Text(chosen + (" — " if rest else "")),) + rest


def pair_answers(questions: list[Question], answers: list[Numbered], diag: Collector,
                 ) -> list[Question]:
    """Attach answer-key entries to quiz questions by number; warn on gaps and extras."""
    by_number: dict[int, Numbered] = {}
    for a in answers:
        assert a.number is not None
        if a.number in by_number:
            diag.warning("answer-duplicate", f"answer {a.number} is given twice; the first is "
                         "kept", a.line)
            continue
        by_number[a.number] = a
    out: list[Question] = []
    asked = {q.number for q in questions if q.kind is QuestionKind.SHORT}
    for q in questions:
        if q.kind is QuestionKind.SHORT and q.number in by_number:
            a = by_number[q.number]
            out.append(Question(q.number, q.prompt, q.line, q.kind, with_option(q.prompt, a.text),
                                a.line))
        else:
            if q.kind is QuestionKind.SHORT and answers:
                diag.warning("answer-missing", f"quiz question {q.number} has no answer in the "
                             "answer key", q.line)
            out.append(q)
    for number, a in sorted(by_number.items()):
        if number not in asked:
            diag.warning("answer-extra", f"answer {number} matches no quiz question; check the "
                         "numbering", a.line)
    return out
