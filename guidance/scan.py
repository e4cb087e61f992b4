"""The self-scan: reading a scan's questions, validating answers, ranking offerings, counting answers.

Answers travel in the query string as ``a1=2&a2=1`` (question number = option number, both from 1), so
the scan works without JavaScript and without a session, and the result page is a plain, cacheable GET.

The ranking rule (:func:`rank`): every chosen option adds, to each offering it names, that offering's
weight, and to every offering tagged with one of its themes, that theme's weight. Offerings are listed by
total score (highest first; ties in catalogue order), with the reasons of the options that contributed,
in question order. Only live, public offerings take part.

The only thing stored (:func:`record_answers`) is one counter per chosen option; no time, session,
address or combination of answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guidance.models import Scan, ScanOptionCount


@dataclass(frozen=True)
class Option:
    id: str
    number: int
    label: str
    reason: str
    offerings: tuple[tuple[int, int], ...]  # (page id, weight)
    themes: tuple[tuple[str, int], ...]  # (theme slug, weight)


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    text: str
    hint: str
    options: tuple[Option, ...]

    def option(self, value: str | None) -> Option | None:
        if not value or not value.isdigit():
            return None
        number = int(value)
        return self.options[number - 1] if 1 <= number <= len(self.options) else None


@dataclass
class Recommendation:
    page: object
    score: int
    reasons: list[str] = field(default_factory=list)


def _item_id(bound, fallback: str) -> str:
    return str(getattr(bound, "id", None) or fallback)


def questions(scan: Scan) -> list[Question]:
    """The scan's questions with their options, numbered from 1."""
    result = []
    for q_index, child in enumerate(scan.questions, start=1):
        if child.block_type != "question":
            continue
        value = child.value
        options = []
        bound_options = getattr(value["options"], "bound_blocks", None) or value["options"]
        for o_index, bound in enumerate(bound_options, start=1):
            option = getattr(bound, "value", bound)
            offerings = tuple(
                (item["offering"].pk, int(item["weight"] or 0))
                for item in option["offerings"]
                if item["offering"] is not None
            )
            themes = tuple(
                (slugify(item["theme"]), int(item["weight"] or 0))
                for item in option["themes"]
                if item["theme"]
            )
            options.append(
                Option(
                    id=_item_id(bound, f"{q_index}-{o_index}"),
                    number=o_index,
                    label=option["label"],
                    reason=option["reason"] or "",
                    offerings=offerings,
                    themes=themes,
                )
            )
        result.append(
            Question(
                id=_item_id(child, str(q_index)),
                number=len(result) + 1,
                text=value["question"],
                hint=value["hint"] or "",
                options=tuple(options),
            )
        )
    return result


def param(number: int) -> str:
    return f"a{number}"


def parse_answers(
    scan_questions: list[Question], data: Mapping[str, str], upto: int | None = None
) -> tuple[list[Option], int | None]:
    """The chosen options of questions ``1..upto`` (all when ``None``) and the number of the first
    question without a valid answer (``None`` when all are answered)."""
    chosen = []
    for question in scan_questions[: upto if upto is not None else len(scan_questions)]:
        option = question.option(data.get(param(question.number)))
        if option is None:
            return chosen, question.number
        chosen.append(option)
    return chosen, None


def answers_query(options: list[Option]) -> dict[str, int]:
    return {param(number): option.number for number, option in enumerate(options, start=1)}


def rank(scan: Scan, chosen: list[Option]) -> list[Recommendation]:
    """The offerings for the chosen options, best first, at most ``scan.max_results``."""
    from programmes.models import ProgrammePage, ProgrammeTag

    live = ProgrammePage.objects.live().public()
    themes = {slug for option in chosen for slug, _weight in option.themes}
    tagged: dict[int, set[str]] = {}
    if themes:
        for page_id, tag_slug in ProgrammeTag.objects.filter(tag__slug__in=themes).values_list(
            "content_object_id", "tag__slug"
        ):
            tagged.setdefault(page_id, set()).add(tag_slug)
    scores: dict[int, int] = {}
    reasons: dict[int, list[str]] = {}
    for option in chosen:
        gains: dict[int, int] = {}
        for page_id, weight in option.offerings:
            gains[page_id] = gains.get(page_id, 0) + weight
        for slug, weight in option.themes:
            for page_id, slugs in tagged.items():
                if slug in slugs:
                    gains[page_id] = gains.get(page_id, 0) + weight
        reason = option.reason or _("because you answered “%(answer)s”") % {"answer": option.label}
        for page_id, gain in gains.items():
            if gain <= 0:
                continue
            scores[page_id] = scores.get(page_id, 0) + gain
            page_reasons = reasons.setdefault(page_id, [])
            if reason not in page_reasons:
                page_reasons.append(reason)
    if not scores:
        return []
    pages = {page.pk: page for page in live.filter(pk__in=scores)}
    ordered = sorted(pages.values(), key=lambda page: (-scores[page.pk], page.path))
    return [
        Recommendation(page=page, score=scores[page.pk], reasons=reasons[page.pk])
        for page in ordered[: scan.max_results]
    ]


def record_answers(scan: Scan, scan_questions: list[Question], chosen: list[Option]) -> None:
    """Count each chosen option once (an aggregate; nothing that identifies the person)."""
    with transaction.atomic():
        for question, option in zip(scan_questions, chosen, strict=False):
            counter, _created = ScanOptionCount.objects.get_or_create(
                scan=scan,
                question_id=question.id,
                option_id=option.id,
                defaults={
                    "question": question.text[:300],
                    "option": option.label[:200],
                    "position": question.number,
                },
            )
            ScanOptionCount.objects.filter(pk=counter.pk).update(
                count=F("count") + 1,
                question=question.text[:300],
                option=option.label[:200],
                position=question.number,
            )
