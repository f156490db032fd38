import pytest


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    from zhidu.workdays import services

    services.clear_cache()
    yield
    services.clear_cache()
