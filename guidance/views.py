"""Public views: the alert pages (subscribe, confirm, manage, unsubscribe) and the self-scan.

Alert pages carry signed tokens in their address and are never cached (``no-store``); the scan's steps
and result are plain GETs (cacheable by the page cache), only its last step is a POST, which counts the
answers (an aggregate) and redirects to the result.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.shortcuts import render as django_render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from guidance import alerts
from guidance import scan as scan_rules
from guidance.constants import AlertSource, SubscriptionStatus
from guidance.forms import FrequencyForm, SubscribeForm
from guidance.models import Scan
from portal import ratelimit


def render(request, template, context=None, status=200, *, noindex=True):
    """Render a guidance page; ``noindex`` keeps search engines off steps, results and alert pages."""
    return django_render(request, template, {**(context or {}), "noindex": noindex}, status=status)


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


def _link_problem(request: HttpRequest, *, expired: bool) -> HttpResponse:
    return _private(render(request, "guidance/link_problem.html", {"expired": expired}, status=400))


# -- alerts ----------------------------------------------------------------------------------------


def _filters(data) -> dict:
    """The known filters in ``data`` (unknown ones are dropped): source, role, theme slug."""
    from taggit.models import Tag

    from programmes.models import Role

    source = data.get("bron")
    role_slug = data.get("functie") or ""
    theme = data.get("thema") or ""
    return {
        "bron": source if source in AlertSource.values else AlertSource.OFFERINGS,
        "role": Role.objects.filter(slug=role_slug).first() if role_slug else None,
        "thema": theme if theme and Tag.objects.filter(slug=theme).exists() else "",
    }


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    filters = _filters(request.POST if request.method == "POST" else request.GET)
    initial = {
        "bron": filters["bron"],
        "functie": filters["role"].slug if filters["role"] else "",
        "thema": filters["thema"],
    }
    if request.method == "POST":
        retry_after = ratelimit.hit(request, "alert_subscribe")
        if retry_after is not None:
            return ratelimit.too_many_requests(request, retry_after)
        form = SubscribeForm({**request.POST.dict(), **initial})
        if form.is_valid():
            data = form.cleaned_data
            # Per address: the same answer either way, so nobody learns whether an address is known.
            if ratelimit.hit_value("alert_subscribe_address", data["email"]) is None:
                alerts.subscribe(
                    email=data["email"],
                    source=data["bron"],
                    role=data["functie"],
                    theme=data["thema"],
                    frequency=data["frequency"],
                )
            return HttpResponseRedirect(reverse("guidance:subscribe_sent"))
    else:
        form = SubscribeForm(initial=initial)
    topic = alerts.describe(
        filters["bron"],
        filters["role"].name if filters["role"] else "",
        alerts.theme_name(filters["thema"]),
    )
    return _private(render(request, "guidance/subscribe.html", {"form": form, "topic": topic}))


def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/subscribe_sent.html", {"days": alerts.CONFIRM_MAX_AGE.days})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners in mail filters must not confirm); POST confirms."""
    try:
        subscription = alerts.subscription_for_confirmation(token)
    except alerts.ExpiredLink:
        return _link_problem(request, expired=True)
    except alerts.InvalidLink:
        return _link_problem(request, expired=False)
    confirmed = False
    if request.method == "POST":
        alerts.confirm(subscription)
        confirmed = True
    context = {
        "subscription": subscription,
        "topic": alerts.describe_subscription(subscription),
        "confirmed": confirmed or subscription.status == SubscriptionStatus.ACTIVE,
        "manage_url": reverse("guidance:manage", args=[alerts.manage_token(subscription)]),
    }
    return _private(render(request, "guidance/confirm.html", context))


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = alerts.subscription_for_manage(token)
    except alerts.InvalidLink:
        return _link_problem(request, expired=False)
    form = FrequencyForm(initial={"frequency": subscription.frequency})
    saved = False
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            alerts.delete_subscription(subscription)
            return _private(render(request, "guidance/deleted.html"))
        if action == "unsubscribe":
            alerts.unsubscribe(subscription)
            saved = True
        else:
            form = FrequencyForm(request.POST)
            if form.is_valid():
                alerts.change_frequency(subscription, form.cleaned_data["frequency"])
                saved = True
    context = {
        "subscription": subscription,
        "topic": alerts.describe_subscription(subscription),
        "form": form,
        "saved": saved,
        "active": subscription.status == SubscriptionStatus.ACTIVE,
        "unsubscribed": subscription.status == SubscriptionStatus.UNSUBSCRIBED,
        "retention_days": alerts.UNSUBSCRIBED_RETENTION.days,
    }
    return _private(render(request, "guidance/manage.html", context))


@csrf_exempt  # RFC 8058: mail clients POST here without a form; the signed token is the authority
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button; POST (the button, or the mail client's one-click) unsubscribes."""
    try:
        subscription = alerts.subscription_for_manage(token)
    except alerts.InvalidLink:
        return _link_problem(request, expired=False)
    done = False
    if request.method == "POST":
        alerts.unsubscribe(subscription)
        done = True
    context = {
        "subscription": subscription,
        "topic": alerts.describe_subscription(subscription),
        "done": done or subscription.status == SubscriptionStatus.UNSUBSCRIBED,
        "manage_url": reverse("guidance:manage", args=[token]),
        "retention_days": alerts.UNSUBSCRIBED_RETENTION.days,
    }
    return _private(render(request, "guidance/unsubscribe.html", context))


# -- the self-scan ---------------------------------------------------------------------------------


def _scan(slug: str) -> Scan:
    return get_object_or_404(Scan, slug=slug, is_active=True)


def scan_index(request: HttpRequest) -> HttpResponse:
    scan = Scan.objects.filter(is_active=True).first()
    if scan is None:
        raise Http404
    return HttpResponseRedirect(reverse("guidance:scan_start", args=[scan.slug]))


def scan_start(request: HttpRequest, slug: str) -> HttpResponse:
    scan = _scan(slug)
    questions = scan_rules.questions(scan)
    if not questions:
        raise Http404
    context = {
        "scan": scan,
        "total": len(questions),
        "first_url": reverse("guidance:scan_question", args=[scan.slug, 1]),
    }
    return render(request, "guidance/scan_start.html", context, noindex=False)


def _question_url(scan: Scan, number: int, chosen) -> str:
    url = reverse("guidance:scan_question", args=[scan.slug, number])
    query = scan_rules.answers_query(chosen)
    return f"{url}?{urlencode(query)}" if query else url


@require_http_methods(["GET", "POST"])
def scan_question(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    scan = _scan(slug)
    questions = scan_rules.questions(scan)
    if not 1 <= number <= len(questions):
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    previous, missing = scan_rules.parse_answers(questions, data, upto=number - 1)
    if missing is not None:  # an earlier answer is missing or was tampered with: go back there
        return HttpResponseRedirect(_question_url(scan, missing, previous))
    question = questions[number - 1]
    is_last = number == len(questions)
    error = ""
    answer = data.get(scan_rules.param(number))
    if answer is not None or data.get("verzonden"):
        option = question.option(answer)
        if option is None:
            error = _("Choose one of the answers.")
        elif is_last:
            # The last answer counts, so only a POST takes it; a GET with it shows the form again.
            if request.method == "POST":
                chosen = [*previous, option]
                scan_rules.record_answers(scan, questions, chosen)
                result = reverse("guidance:scan_result", args=[scan.slug])
                return HttpResponseRedirect(
                    f"{result}?{urlencode(scan_rules.answers_query(chosen))}", status=303
                )
        else:
            return HttpResponseRedirect(_question_url(scan, number + 1, [*previous, option]))
    selected = answer if answer and question.option(answer) else ""
    context = {
        "scan": scan,
        "question": question,
        "number": number,
        "total": len(questions),
        "is_last": is_last,
        "previous": scan_rules.answers_query(previous),
        "selected": selected,
        "error": error,
        "back_url": (
            _question_url(scan, number - 1, previous[:-1])
            if number > 1
            else reverse("guidance:scan_start", args=[scan.slug])
        ),
    }
    status = 400 if error else 200
    return render(request, "guidance/scan_question.html", context, status=status)


def scan_result(request: HttpRequest, slug: str) -> HttpResponse:
    scan = _scan(slug)
    questions = scan_rules.questions(scan)
    chosen, missing = scan_rules.parse_answers(questions, request.GET)
    if missing is not None:
        return HttpResponseRedirect(_question_url(scan, missing, chosen))
    query = scan_rules.answers_query(chosen)
    answers = [
        {
            "question": question,
            "option": option,
            "change_url": _question_url(scan, question.number, chosen[: question.number - 1]),
        }
        for question, option in zip(questions, chosen, strict=True)
    ]
    context = {
        "scan": scan,
        "answers": answers,
        "recommendations": scan_rules.rank(scan, chosen),
        "query": query,
        "restart_url": reverse("guidance:scan_start", args=[scan.slug]),
    }
    return render(request, "guidance/scan_result.html", context)
