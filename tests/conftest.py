from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Loading the catalogue happens inside the first example; no per-example deadline.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("default"), max_examples=300, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
