"""Dashboards and the annual report read from the other apps; no models of its own yet."""
