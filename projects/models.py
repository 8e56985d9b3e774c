"""Project bank and project visits (filled by the activities issue)."""
