"""The browsers townships use (issue 16): the 360, QQ and WeChat built-in browsers run Chromium 80–83,
without flexbox `gap` (Chromium 84) or `inert` (Chromium 102); and a phone 360 px wide.

Chromium 80 is played by today's Chromium with those features taken away before each page runs: every
`gap` outside a grid rule is deleted from the stylesheets and `HTMLElement.prototype.inert` from
the DOM. The pages must then keep their spacing (nav items and buttons side by side at least 4 px
apart, none overlapping) and their forms must still work (htmx included)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.meetings.models import Meeting
from zhidu.obligations import services
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}

CHROMIUM_80 = """
delete HTMLElement.prototype.inert;
window.__stripGap = function () {
  function strip(rules) {
    for (const rule of rules) {
      if (rule.cssRules) strip(rule.cssRules);
      if (!rule.style || /grid/.test(rule.style.display)) continue;
      for (const name of ["gap", "row-gap", "column-gap", "grid-gap"]) rule.style.removeProperty(name);
    }
  }
  for (const sheet of document.styleSheets) strip(sheet.cssRules);
  for (const el of document.querySelectorAll("[style]")) {
    if (!/grid/.test(el.style.display)) for (const n of ["gap", "row-gap", "column-gap"]) el.style.removeProperty(n);
  }
};
window.addEventListener("load", window.__stripGap);
"""

# Side by side in a flex row, visible: each pair at least 4 px apart, none overlapping.
CROWDED = """() => {
  const found = [];
  const visible = (r) => r.width > 0 && r.height > 0;
  for (const box of document.querySelectorAll("body *")) {
    const style = getComputedStyle(box);
    if (!/flex/.test(style.display)) continue;
    if (style.columnGap !== "normal" && style.columnGap !== "0px") found.push("flex gap left: " + box.className);
    const kids = [...box.children].map((el) => [el, el.getBoundingClientRect()]).filter(([, r]) => visible(r));
    for (let i = 1; i < kids.length; i++) {
      const [a, ra] = kids[i - 1], [b, rb] = kids[i];
      const sameRow = ra.top < rb.bottom - 2 && rb.top < ra.bottom - 2;
      if (sameRow && rb.left - ra.right < 4 && ra.left - rb.right < 4) {
        found.push(`${a.tagName}.${a.className} | ${b.tagName}.${b.className} in ${box.tagName}.${box.className}: `
                   + `${Math.round(rb.left - ra.right)} px`);
      }
    }
  }
  return found;
}"""


def _pages(town):
    meeting = Meeting.objects.filter(township=town, state="closed").order_by("-held_at").first()
    pages = ["/duties/", "/meetings/", "/meetings/items/", "/supervision/", "/supervision/report/",
             "/compliance/", "/daily-logs/", "/petitions/", "/opinions/", "/organization/"]  # fmt: skip
    if meeting is not None:
        pages += [f"/meetings/{meeting.pk}/", f"/meetings/{meeting.pk}/minutes/"]
    return pages


def test_pages_keep_their_spacing_and_forms_without_flex_gap_and_inert(new_page, start_logged_in):
    town = create_demo()
    clerk = Person.objects.get(township=town, user__username="zhangmin")
    title = "报送第四季度材料（旧浏览器）"
    services.open_obligation(
        township=town, kind="periodic-report", article="R15", title=title, key="old-browser",
        rule=DeadlineRule("after_days", timezone.localdate(), 5), assignee=clerk,
    )  # fmt: skip
    page = new_page(**DESKTOP)
    page.add_init_script(CHROMIUM_80)
    start_logged_in(page, "zhangmin", "/duties/")
    problems = []
    for path in _pages(town):
        page.goto(path)
        page.wait_for_load_state("load")
        page.evaluate("window.__stripGap()")  # again: the load listener may run before a late sheet
        assert page.evaluate("'inert' in HTMLElement.prototype") is False
        problems += [f"{path}: {p}" for p in page.evaluate(CROWDED)]
    assert not problems, "crowded without flex gap:\n" + "\n".join(problems)
    # A form still works, through htmx: the clerk marks the duty done in place.
    page.goto("/duties/")
    page.wait_for_load_state("load")
    row = page.locator("li.duty", has_text=title)
    row.get_by_role("button").first.click()
    expect(page.locator("li.duty", has_text=title).get_by_role("button")).to_have_count(0)


NAV = """() => {
  const menu = document.querySelector("details.menu");
  const all = [...menu.querySelectorAll("nav a")];
  const links = all.filter((a) => a.checkVisibility()).map((a) => a.getBoundingClientRect());
  return {
    open: menu.open,
    height: menu.getBoundingClientRect().height,
    summary: menu.querySelector("summary").getBoundingClientRect().height,
    shown: links.length,
    shortest: Math.min(...links.map((r) => r.height)),
    count: all.length,
  };
}"""

READABLE = """() => {
  const small = [];
  for (const svg of document.querySelectorAll("figure.chart svg")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 12) small.push(`${t.textContent}: ${px.toFixed(1)} px`);
    }
  }
  const narrow = [];
  for (const cell of document.querySelectorAll(".table-wrap th, .table-wrap td")) {
    const r = cell.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(cell).fontSize);
    if (r.width > 0 && cell.textContent.trim().length > 2 && r.width < 3.5 * em) narrow.push(cell.textContent.trim());
  }
  const loose = [...document.querySelectorAll("table")].filter((t) => !t.closest(".table-wrap")).length;
  return {small, narrow, loose, page: document.documentElement.scrollWidth, view: window.innerWidth};
}"""


def test_on_a_phone_the_menu_is_one_row_and_reports_stay_readable(new_page, start_logged_in):
    create_demo()
    page = new_page(**PHONE)
    start_logged_in(page, "zhangmin", "/duties/")
    nav = page.evaluate(NAV)
    assert not nav["open"] and nav["shown"] == 0 and nav["height"] <= 48, nav
    # The menu opens from the keyboard; each link is a target of at least 24 px (44 px here).
    page.locator("details.menu > summary").focus()
    page.keyboard.press("Enter")
    nav = page.evaluate(NAV)
    assert nav["open"] and nav["shown"] == nav["count"] > 5 and nav["shortest"] >= 24, nav
    page.locator("details.menu nav a[href='/supervision/']").click()
    page.wait_for_url("**/supervision/")
    page.goto("/supervision/report/")
    shown = page.evaluate(READABLE)
    assert not shown["small"], f"chart text under 12 px: {shown['small']}"
    assert not shown["narrow"], f"table columns wrapping a character a line: {shown['narrow']}"
    assert shown["loose"] == 0 and shown["page"] <= shown["view"] + 1, (
        shown
    )  # tables scroll, the page does not
    # Without script the menu stays open: every link there to tap.
    plain = new_page(**PHONE, java_script_enabled=False)
    start_logged_in(plain, "zhangmin", "/duties/")
    links = plain.locator("details.menu nav a")
    expect(links.first).to_be_visible()
    assert all(box["height"] >= 24 for box in (links.nth(i).bounding_box() for i in range(links.count())))
