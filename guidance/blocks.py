"""The blocks a self-scan is built from: questions, their options, and what each option weighs.

A scan is a StreamField of questions; each question has options; each option gives weight to chosen
offerings and to themes (tags), and carries the reason shown beside an offering it helped rank
("omdat uw gemeente een nieuwe raad krijgt"). The ranking rule lives in :mod:`guidance.scan`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class WeightedOfferingBlock(blocks.StructBlock):
    offering = blocks.PageChooserBlock(
        page_type="programmes.ProgrammePage", label=_("offering"), required=True
    )
    weight = blocks.IntegerBlock(
        label=_("weight"),
        default=3,
        min_value=1,
        max_value=10,
        help_text=_("How strongly this answer points to the offering (1 to 10)."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Offering")
        description = _("An offering this answer recommends, with its weight.")
        template = "guidance/blocks/weighted_item.html"
        preview_value = {"weight": 3}


class WeightedThemeBlock(blocks.StructBlock):
    theme = blocks.CharBlock(
        label=_("theme"),
        max_length=100,
        help_text=_("A theme (tag) of offerings, as editors write it, e.g. 'participatie'."),
    )
    weight = blocks.IntegerBlock(label=_("weight"), default=1, min_value=1, max_value=10)

    class Meta:
        icon = "tag"
        label = _("Theme")
        description = _("Every offering with this theme gets this weight.")
        template = "guidance/blocks/weighted_item.html"
        preview_value = {"theme": "participatie", "weight": 1}


class OptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("answer"), max_length=200)
    reason = blocks.CharBlock(
        label=_("reason"),
        max_length=200,
        required=False,
        help_text=_(
            "Shown beside an offering this answer recommends, e.g. "
            "'omdat uw gemeente een nieuwe raad krijgt'."
        ),
    )
    offerings = blocks.ListBlock(WeightedOfferingBlock(), label=_("offerings"), default=[])
    themes = blocks.ListBlock(WeightedThemeBlock(), label=_("themes"), default=[])

    class Meta:
        icon = "radio-full"
        label = _("Answer")
        description = _("One answer to a question.")
        template = "guidance/blocks/option.html"
        preview_value = {"label": "Ja", "reason": "omdat u dat aangaf"}


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    hint = blocks.CharBlock(label=_("hint"), max_length=300, required=False)
    options = blocks.ListBlock(OptionBlock(), label=_("answers"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Question")
        description = _("A question of the scan with two or more answers.")
        template = "guidance/blocks/question.html"
        preview_value = {"question": "Krijgt uw gemeente een nieuwe raad?"}


class ScanBlock(blocks.StreamBlock):
    question = QuestionBlock()
