"""A choice column reads a cell by the choice's key or by its label in either language, whatever the case."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.kinds import EVENT

KIND = next(column for column in EVENT.columns if column.key == "kind")
ROLE = next(column for column in EVENT.columns if column.key == "role")


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_choice_is_read_by_its_key_and_its_label_in_both_languages(language):
    labels = []
    for key, label in KIND.choices:
        with translation.override("da"):
            danish = str(label)
        with translation.override("en"):
            labels.append((key, danish, str(label)))
    assert sum(danish != english for _key, danish, english in labels) >= 3, "the test needs labels translated"
    with translation.override(language):
        for key, danish, english in labels:
            assert KIND.parse(key) == key
            assert KIND.parse(f"  {danish.upper()} ") == key
            assert KIND.parse(english.lower()) == key


def test_an_unknown_choice_names_the_allowed_ones_and_an_empty_cell_is_the_default():
    with translation.override("da"), pytest.raises(ValidationError) as raised:
        KIND.parse("Picnic")
    assert "Ukendt værdi »Picnic«" in raised.value.messages[0]
    assert all(str(label) in raised.value.messages[0] for _key, label in KIND.choices)
    assert ROLE.parse(None) == ROLE.default
