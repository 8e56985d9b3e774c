"""The reports' reads, by purpose:

- `figures`: the year's figures (dashboard cards and charts, the year beside the year before, resources,
  and the counts the status report states);
- `report`: the status report's data, gathered as plain data (its sentences: reports/document.py);
- `rows`: the year's registrations for the report's Excel workbook, a sheet per kind of registration;
- `approval`: the report as shown: the approved version, with what has changed since, or the live one.
"""
