"""Sphinx configuration of the Runnerly documentation (`make docs`)."""

import sys
from pathlib import Path

# docs/_ext: the reference pages generated from the settings classes and the specs.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Runnerly"
author = "The Runnerly developers"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "runnerly_reference",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "Runnerly"
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# READMEs link to files of the repository that are not pages of this site.
suppress_warnings = ["myst.xref_missing"]
