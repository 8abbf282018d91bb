from __future__ import annotations

import pytest

from jtai.accounts.models import User
from jtai.inspections.models import Inspection

from .factories import notify_second_area


@pytest.fixture
def kent(users: dict[str, User]) -> Inspection:
    """A second area, Kent, notified and gathering information: a clean slate, with the
    demo lead and inspector on its team."""
    return notify_second_area(users)
