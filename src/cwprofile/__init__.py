"""cwprofile: the ITU Cyberwellness Profiles, queryable offline."""

__version__ = "0.1.0"
