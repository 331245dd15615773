"""Write the screenshots of docs/screens/: the main screens of every app as the demo users of their roles
see them, in Russian and Kazakh, at 390 px (a phone) and 1366 px (an office screen).

    python docs/screens/make_screens.py        # from the repository root; needs Chromium (CHROMIUM_PATH)

It runs the skipped-by-default test tests/browser/test_screens_layout.py::test_write_screenshots_of_the_main_screens
(the demo loaded into a fresh test database, live server, Playwright), which saves each viewport as a
64-colour palette PNG named <screen>-<lang>-<width>.png.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
python = ROOT / ".venv" / "bin" / "python"
env = {**os.environ, "KANDAS_SCREENSHOTS": "1"}
env.setdefault("CHROMIUM_PATH", "/usr/bin/chromium")
sys.exit(subprocess.call(
    [str(python if python.exists() else sys.executable), "-m", "pytest", "-q", "-p", "no:cacheprovider",
     "tests/browser/test_screens_layout.py::test_write_screenshots_of_the_main_screens"], cwd=ROOT, env=env))
