"""Words for the never-seen-search scenario of ``make bench``: what the index holds, one per line.

Prints the folded words of every searchable page's title and intro/summary (``search.analysis.words``),
most frequent first, plus "griffie" (a word in nearly every generated page: the worst case). The load
generator combines them at random into single words and word pairs, so the search cache has not seen
almost any query it sends.
"""

from __future__ import annotations

import os
import sys
from collections import Counter


def vocabulary(limit: int = 5000) -> list[str]:
    from cases.models import CasePage
    from programmes.models import ProgrammePage
    from search.analysis import words

    counts: Counter[str] = Counter()
    for title, intro in ProgrammePage.objects.live().values_list("title", "intro").iterator():
        counts.update(w for w in words(f"{title} {intro}") if len(w) > 3)
    for title, summary in CasePage.objects.live().values_list("title", "summary").iterator():
        counts.update(w for w in words(f"{title} {summary}") if len(w) > 3)
    ranked = [word for word, _n in counts.most_common(limit)]
    return ["griffie", *[w for w in ranked if w != "griffie"]]


if __name__ == "__main__":  # pragma: no cover - run by bench.run
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    sys.stdout.write("\n".join(vocabulary()) + "\n")
