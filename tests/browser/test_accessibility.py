"""Accessibility of every public page (issue 15; GB/T 37668 follows WCAG 2.1 AA): axe-core, in the
browser, reports no serious or critical violation on the portal's home, each category, an article,
search results, the opinion form and its follow page, the petition follow page, the sign-up and
sign-in steps, and an article with comments; the figures per page (violations by impact) are printed
(`pytest -s`) and written to test-output/axe.txt, to be quoted. And the keyboard: tabbing through the
portal's home and the opinion form reaches every control, each showing where the focus is.

axe-core comes with the PyPI package axe-playwright-python (its bundled axe.min.js, injected through
Playwright's evaluate, which the Content-Security-Policy does not stop)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from captcha.models import CaptchaStore
from django.core import mail

from tests.portal.conftest import sign_up
from zhidu.opinions.models import Opinion
from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.petitions.models import Case
from zhidu.portal.models import Article, Category
from zhidu.portal.services import comments

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}
FIGURES = Path(__file__).resolve().parents[2] / "test-output" / "axe.txt"
# WCAG 2.1 A and AA, and axe's best practices (landmarks, one h1, headings in order).
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def audit(page, name: str, figures: dict) -> list[str]:
    """axe over the page as it stands; returns the serious and critical violations, described."""
    results = Axe().run(page, options=OPTIONS)
    violations = results.response["violations"]
    count = Counter()
    blocking = []
    for v in violations:
        count[v["impact"]] += len(v["nodes"])
        if v["impact"] in BLOCKING:
            targets = ", ".join(str(n["target"]) for n in v["nodes"][:5])
            blocking.append(f"{name}: {v['impact']} {v['id']} ({v['help']}): {targets}")
    figures[name] = (page.url, count)
    return blocking


def report(figures: dict) -> str:
    lines = [f"{'page':<28} " + " ".join(f"{i:>9}" for i in IMPACTS) + "  url"]
    for name, (url, count) in figures.items():
        lines.append(f"{name:<28} " + " ".join(f"{count.get(i, 0):>9}" for i in IMPACTS) + f"  {url}")
    return "\n".join(lines)


def test_axe_finds_no_serious_or_critical_violation_on_any_public_page(new_page, monkeypatch):
    monkeypatch.setenv("ZHIDU_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    monkeypatch.delenv("ZHIDU_SMTP_HOST", raising=False)
    town = create_demo()
    article = Article.objects.filter(township=town, state="published").order_by("pk").first()
    reader = sign_up(town)
    comment = comments.post(reader, article=article, body="建议在东沟村村口加装两盏路灯，方便夜间出行。")
    clerk = Person.objects.get(township=town, user__username="zhangmin")
    comments.approve(clerk.user, comment)
    opinion = Opinion.objects.filter(township=town).first()
    case = Case.objects.filter(township=town).first()
    figures: dict = {}
    problems: list[str] = []
    page = new_page(**PHONE)

    def visit(name: str, path: str | None = None) -> None:
        if path is not None:
            page.goto(path)
        page.wait_for_load_state()
        problems.extend(audit(page, name, figures))

    visit("home", f"/site/{town.code}/")
    for category in Category.values:
        visit(f"category {category}", f"/site/{town.code}/c/{category}/")
    visit("article with comments", article.get_absolute_url())
    visit("search results", f"/search/{town.code}/?q=安全")
    visit("search, nothing found", f"/search/{town.code}/?q=不存在的词语")
    visit("opinion form", f"/opinions/public/{town.code}/")
    page.locator("#opinion-submit").click()  # empty: the refusal, every field named
    visit("opinion form refused")
    visit("opinion follow", "/opinions/follow/")
    if opinion is not None:
        page.locator("#id_code").fill(opinion.code)
        page.locator("#follow-submit").click()
        visit("opinion followed")
    visit("opinion privacy", "/opinions/privacy/")
    visit("petition follow", "/petitions/follow/")
    if case is not None:
        page.locator("#id_code").fill(case.code)
        page.locator("#follow-submit").click()
        visit("petition followed")
    visit("petition schedule", f"/petitions/public/{town.code}/schedule/")
    visit("petition privacy", "/petitions/privacy/")
    visit("sign-up / sign-in", f"/site/{town.code}/account/")
    page.locator("#id_contact").fill("neighbour@example.cn")
    key = page.locator('input[name="captcha_0"]').input_value()
    page.locator("#id_captcha_1").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.locator("#send-code").click()
    page.locator("#code-sent").wait_for()
    visit("sign-up, the code step")
    page.locator("#id_code").fill("000000")  # a wrong code: the refusal
    page.locator("#verify-code").click()
    visit("sign-up, wrong code")
    assert mail.outbox
    visit("staff log-in", "/login/")

    # Signed in as a member of the public: the comment form under the article.
    member = new_page(**PHONE)
    member.goto(f"/site/{town.code}/account/")
    member.locator("#id_contact").fill("member@example.cn")
    key = member.locator('input[name="captcha_0"]').input_value()
    member.locator("#id_captcha_1").fill(CaptchaStore.objects.get(hashkey=key).response)
    member.locator("#send-code").click()
    member.locator("#code-sent").wait_for()
    code = mail.outbox[-1].body.split("验证码是 ")[1][:6]
    member.locator("#id_code").fill(code)
    member.locator("#id_nickname").fill("西坡村民")
    member.locator("#verify-code").click()
    member.wait_for_load_state()
    member.goto(article.get_absolute_url())
    member.locator("#comment-form").wait_for()
    page = member
    visit("article, comment form")

    # The English frame, and a desk's width.
    desk = new_page(viewport={"width": 1280, "height": 900})
    desk.goto(f"/site/{town.code}/")
    desk.locator('form.lang button[value="en"]').click()
    desk.wait_for_load_state()
    page = desk
    visit("home, English, desk")
    visit("article, English, desk", article.get_absolute_url())

    text = report(figures)
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text(text + "\n", encoding="utf-8")
    print("\naxe-core violations (nodes) by impact, per public page:\n" + text)
    assert not problems, "\n".join(problems)


# Every control a user can operate (a radio group once), visible (inside a closed <details> or display:none it is not
# there to reach), marked with its index so that the focused one can be named.
CONTROLS = """() => {
    // A group of radio buttons is one Tab stop (its checked button, else its first); the arrow
    // keys move inside it, as in every browser.
    const tabStop = el => {
        const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
        return group.find(r => r.checked) || group[0];
    };
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
    const all = [...document.querySelectorAll(selector)].filter(
        el => !el.disabled && el.tabIndex >= 0 && el.checkVisibility({visibilityProperty: true})
            && !(el.type === 'radio' && el !== tabStop(el)));
    all.forEach((el, i) => el.dataset.control = String(i));
    return all.map(el => el.id || el.name || el.getAttribute('href') || el.textContent.trim().slice(0, 20));
}"""
# The focused control, and whether its focus is seen: an outline or a ring of box-shadow.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow && style.boxShadow !== 'none';
    return {control: el.dataset.control ?? null, tag: el.tagName, id: el.id, shown: outline || ring};
}"""


def tab_through(page) -> tuple[list[str], set[str], list[str]]:
    """Tab from the top to the end of the page: (the controls, those reached, those without visible focus)."""
    names = page.evaluate(CONTROLS)
    reached: set[str] = set()
    unseen: list[str] = []
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(len(names) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["control"] in reached:
            break  # back to the top: every stop was passed
        if focused["control"] is not None:
            reached.add(focused["control"])
        if not focused["shown"]:
            unseen.append(f"{focused['tag']}#{focused['id']}")
    return names, reached, unseen


@pytest.mark.parametrize("where", ["home", "opinion form"])
def test_the_keyboard_reaches_every_control_and_shows_the_focus(new_page, where):
    town = create_demo()
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"/site/{town.code}/" if where == "home" else f"/opinions/public/{town.code}/")
    names, reached, unseen = tab_through(page)
    missing = [names[int(i)] for i in range(len(names)) if str(i) not in reached]
    assert len(names) > 5
    assert not missing, f"not reached with Tab on the {where}: {missing}"
    assert not unseen, f"focus not visible on the {where}: {unseen}"
    # The first stop is the skip link, and it leads to the content.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
