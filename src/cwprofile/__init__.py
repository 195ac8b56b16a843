"""cwprofile: the ITU Cyberwellness Profiles, queryable offline, from the command line and from
Python (`cwprofile.Profiles`, `read_profile`, `validate`, `import_text`: README, "Python")."""

__version__ = "0.1.0"

# The version of the profile file schema and of every JSON document the commands print.
SCHEMA_VERSION = 3

__all__ = [
    "SCHEMA_VERSION",
    "Imported",
    "Problem",
    "Profile",
    "Profiles",
    "__version__",
    "import_text",
    "read_profile",
    "validate",
]
_API = {"Imported", "Problem", "Profile", "Profiles", "import_text", "read_profile", "validate"}


def __getattr__(name: str) -> object:
    """The API, loaded on first use: the command line, which imports this package for its
    version, does not pay for it."""
    if name in _API:
        from cwprofile import api

        return getattr(api, name)
    raise AttributeError(f"module 'cwprofile' has no attribute {name!r}")
