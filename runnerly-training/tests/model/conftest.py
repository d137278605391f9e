"""Test set-up for the training model.

Until the package is installed (``pip install -e runnerly-training``), the project
root goes on the import path so that ``.venv/bin/pytest`` finds it from anywhere.
"""

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))
