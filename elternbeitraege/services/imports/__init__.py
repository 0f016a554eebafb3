"""Moving in from the old system: facilities and fee cases read from CSV or XLSX files.

``reading`` turns a file into numbered rows of named columns, ``values`` reads German dates, hours
and amounts, ``facilities`` and ``cases`` check every row (the dry run) and write a whole file in one
unit of work (the real run), ``letters`` writes the invitation letters of imported cases and their
print file. Both runs answer a ``Report``: the problems per line and column, the counts, the conflicts.
"""
