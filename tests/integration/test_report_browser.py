"""Open the HTML report in a real browser (headless Chromium through Playwright).

Checks that the page loads nothing from the network, logs no console errors, draws its
figures and map, and that the language switch changes the visible headline. Skipped
when ``/usr/bin/chromium`` or the ``playwright`` package is not available.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.slow


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install playwright)"
    return None


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from revitalize.report.render import build_report

    return build_report(tmp_path_factory.mktemp("report") / "report.html", lang="zh")


def _visible_headline(page: Any) -> str:
    text: str = page.locator("#key-message span:visible").first.inner_text()
    return text


def test_report_in_browser(report_file: Path, tmp_path: Path) -> None:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        requests.append(url)
        if url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", route)
            page.on("request", lambda req: requests.append(req.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(report_file.as_uri(), wait_until="load")
            page.wait_for_function(
                "document.querySelectorAll('.plot[data-l=\"zh\"] .main-svg').length > 0"
            )
            zh = _visible_headline(page)
            drawn_zh = page.locator('.plot[data-l="zh"][data-drawn]').count()
            page.screenshot(path=str(tmp_path / "report_zh.png"), full_page=True)

            page.click("#lang-switch")
            page.wait_for_function("document.documentElement.getAttribute('data-lang') === 'en'")
            en = _visible_headline(page)
            drawn_en = page.locator('.plot[data-l="en"][data-drawn]').count()
            page.screenshot(path=str(tmp_path / "report_en.png"), full_page=True)
        finally:
            browser.close()

    remote = [u for u in requests if not u.startswith("file://")]
    assert remote == [], f"the report tried to load remote resources: {remote[:5]}"
    assert errors == [], f"console errors: {errors[:5]}"
    assert zh and en and zh != en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), zh
    assert en.isascii() or not any("\u4e00" <= ch <= "\u9fff" for ch in en), en
    assert drawn_zh > 0 and drawn_en == drawn_zh
    assert (tmp_path / "report_en.png").stat().st_size > 10_000
