"""English dates and numbers as read in Europe rather than the US (Django's "en" is American): day before
month, 24-hour clock, Monday first. 25 November 2026, 25/11/2026, 1,234.5. Danish uses Django's own "da"
formats (25. november 2026, 25.11.2026, 1.234,5)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403  (input formats: day before month)

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
