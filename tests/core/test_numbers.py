"""The register's numbers are written as Django's number_format writes them, by a quicker way for counts."""

import pytest
from django.utils import formats, translation

from core.numbers import count_text, number_text, percent_text


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_count_is_written_as_number_format_writes_it(language):
    values = [0, 7, -7, 999, 1000, -1000, 2595, 1_234_567, -987_654_321, 10**12]
    with translation.override(language):
        assert [count_text(value) for value in values] == [
            formats.number_format(value, use_l10n=True, force_grouping=True) for value in values]


def test_a_count_in_another_language_than_the_readers():
    with translation.override("en"):
        assert (count_text(2595), count_text(2595, language="da")) == ("2,595", "2.595")


@pytest.mark.parametrize(("language", "written"), [
    ("da", ["1.234,5", "3,5", "2.595", "abc", "2.200 %"]),
    ("en", ["1,234.5", "3.5", "2,595", "abc", "2,200%"]),
])
def test_numbers_numeric_text_and_percentages(language, written):
    with translation.override(language):
        assert [number_text("1234.5"), number_text("3.5"), number_text(2595), number_text("abc"),
                percent_text(2200)] == written
