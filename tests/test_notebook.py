"""The coach notebook runs top to bottom on the demo data and produces its charts and map."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "coach_analysis.ipynb"


@pytest.mark.slow
def test_coach_notebook_runs(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},  # writes nothing next to the notebook
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = [key for o in outputs for key in o.get("data", {})]
    assert kinds.count("image/png") >= 4, "the charts"
    assert "text/html" in kinds, "the folium map"
    text = "".join(o.get("text", "") for o in outputs)
    assert "bieb.taalcafe-schilderswijk" in text  # the planted duplicate
    assert "Ehrenamtsagentur Gladbeck" in text  # a single point of failure
    assert "external references: 0" in text  # the report opens offline
    assert "synthetic referrals: 480" in text  # the outcomes
