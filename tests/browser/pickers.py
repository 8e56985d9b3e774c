"""Choosing in a searchable picker (static/js/pickers.js) as a keyboard user does."""

from playwright.sync_api import expect


def pick(page, label: str, *names: str) -> None:
    """Focus the picker named `label`, then for each name: type it, wait for it among the options, Enter."""
    picker = page.get_by_role("combobox", name=label)
    picker.focus()
    for name in names:
        picker.press_sequentially(name)
        expect(page.get_by_role("listbox", name=label).get_by_role("option", name=name, exact=True)).to_be_visible()
        picker.press("Enter")
