import pytest

from tests.notifications.servers import HttpRecorder, SmtpServer


@pytest.fixture
def smtp(monkeypatch):
    with SmtpServer() as server:
        monkeypatch.setenv("ZHIDU_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("ZHIDU_SMTP_PORT", str(server.port))
        yield server


@pytest.fixture
def wecom(monkeypatch):
    with HttpRecorder() as server:
        monkeypatch.setenv("ZHIDU_WECOM_WEBHOOK", f"{server.url}/cgi-bin/webhook/send?key=test-key")
        yield server


@pytest.fixture
def working_hours(monkeypatch):
    """Messages go at once whatever the test's clock: the day's window spans the whole day (the
    quiet hours and rest days are tested in test_timing)."""
    monkeypatch.setenv("ZHIDU_NOTIFY_MORNING", "00:00")
    monkeypatch.setenv("ZHIDU_NOTIFY_NIGHT", "23:59")
