"""Documents the register writes: Word files in its house style and drawings with matplotlib. Plain
machinery, used by the reports and the atlas; it knows no register."""
