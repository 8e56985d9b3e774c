"""A name as part of a download's file name, and an area named as its district named once."""

import pytest

from core.text import file_name_part
from tests.factories import AreaFactory


@pytest.mark.parametrize(("name", "part"), [("Mjølnerparken", "mjoelnerparken"), ("Ærø Å-huse", "aeroe-aa-huse"),
                                            ("Område 7 / Nord", "omraade-7-nord"), ("???", "uden-navn")])
def test_a_name_in_a_file_name(name, part):
    assert file_name_part(name) == part


@pytest.mark.django_db
def test_an_area_named_as_its_district_is_named_once():
    assert str(AreaFactory(name="Amager", district="Amager")) == "Amager"
    assert str(AreaFactory(name="Mjølnerparken", district="Nørrebro")) == "Mjølnerparken (Nørrebro)"
