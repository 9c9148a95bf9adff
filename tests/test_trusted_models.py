"""tagger.model.trusted: a model built without validation is the model validation builds."""

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from tagger.model import Cell, Period, SourceLine, trusted


def test_a_trusted_model_equals_the_validated_one_and_stays_frozen():
    cell = trusted(
        Cell, text="(1,234)", line=7, value=Decimal("-1234"), dash=False, blank=False, places=0
    )
    assert cell == Cell(text="(1,234)", line=7, value=Decimal("-1234"))
    assert cell.model_dump() == Cell(text="(1,234)", line=7, value=Decimal("-1234")).model_dump()
    line = trusted(SourceLine, number=3, text="收入", furniture=False, page=1, page_line=3)
    assert line == SourceLine(number=3, text="收入", page=1, page_line=3)
    with pytest.raises(ValidationError):  # frozen like any other model of the stage
        line.text = "其他"


def test_a_field_left_out_is_refused_not_left_missing():
    # validation would fill the default in; trusted() must say it did not
    with pytest.raises(TypeError, match="every field must be given"):
        trusted(Period, end=date(2023, 12, 31))
