"""cwprofile: the ITU Cyberwellness Profiles, queryable offline."""

__version__ = "0.1.0"

# The version of the profile file schema and of every JSON document the commands print.
SCHEMA_VERSION = 3
