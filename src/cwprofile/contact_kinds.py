"""The kinds of a contact's fields. A contact field (`model.CONTACT_FIELDS`) names its kind, and
the kind is everything the tool does with such a value: how `validate` checks it in a profile
file, what the published JSON Schemas say of it (in a file, in a document), how a field
derived from another is computed on loading, and where it links for people. A new kind is one
object here; a new field of a known kind is one line in `CONTACT_FIELDS`.

The model is made of these objects on every run, so what only a check, a schema or a link
needs (the address rules, the phone library) loads when it is first used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

# A check is given the field's text (never blank) and the profile's country (ISO alpha-2) and
# returns the value to keep and, when the text is not of the kind, the problem with it.
Check = Callable[[str, str | None], tuple[str | None, str | None]]


class ContactKind:
    """(A plain class: a NamedTuple costs every run.)"""

    __slots__ = ("check", "derive", "document_schema", "file_schema", "link", "name", "scheme")

    def __init__(
        self,
        name: str,
        *,
        check: Check,
        # In a profile file, where blank text counts as left out (made when asked for).
        file_schema: Callable[[], dict[str, Any]],
        document_schema: dict[str, Any],  # in `show --json`, `report-contact --json`
        # Where a value links to, given the value of the field derived from it (if any).
        link: Callable[[str, str | None], str | None],
        scheme: str | None = None,  # the scheme of its links: `tel` and `mailto` have columns
        derive: Callable[[str, str | None], str | None] | None = None,  # from another field
    ) -> None:
        self.name = name
        self.check = check
        self.file_schema = file_schema
        self.document_schema = document_schema
        self.link = link
        self.scheme = scheme
        self.derive = derive

    def __repr__(self) -> str:
        return f"ContactKind({self.name!r})"


def _exact(pattern: str) -> str:
    return f"^(?:{pattern})$"


NULLABLE_TEXT: dict[str, Any] = {"type": ["string", "null"]}
E164_PATTERN = r"\+[1-9][0-9]{1,14}"
_E164 = re.compile(E164_PATTERN)


@functools.lru_cache(maxsize=4096)
def phone_e164(phone: str, region: str | None) -> str | None:
    """The number in E.164 form, reading `(855) 92 335 536` as country code 855. Asked
    twice of each profile (its check, its E.164 form): parsed once."""
    import phonenumbers

    text = phone.strip()
    candidates = [text]
    bracketed = re.fullmatch(r"\(\+?(\d{1,3})\)\s*(.+)", text)
    if bracketed:
        candidates.insert(0, f"+{bracketed.group(1)} {bracketed.group(2)}")
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def short_code(phone: str, region: str | None) -> bool:
    """Whether the phone is a short code of the country (`118`, `119`): dialled as it is,
    within the country, and with no E.164 form."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    text = phone.strip()
    if region is None or not re.fullmatch(r"\d{3,6}", text):
        return False
    try:
        return shortnumberinfo.is_possible_short_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _phone(value: str, region: str | None) -> tuple[str | None, str | None]:
    if phone_e164(value, region) is None and not short_code(value, region):
        return None, f"cannot read {value!r} as a phone number"
    return value, None


def _phone_link(value: str, e164: str | None) -> str | None:
    """A phone's `tel:` link: of its E.164 form as derived with the country, or, with none
    derived, of the number when it is written in international form."""
    number = e164 or phone_e164(value, None)
    return _tel(number) if number else None


def _tel(number: str, derived: str | None = None) -> str:
    from cwprofile.textsafe import tel_uri

    return tel_uri(number)


def _mailto(address: str, derived: str | None = None) -> str:
    from cwprofile.textsafe import mailto_uri

    return mailto_uri(address)


def _e164(value: str, region: str | None) -> tuple[str | None, str | None]:
    if _E164.fullmatch(value.strip()):
        return value.strip(), None
    return None, f"expected a number in E.164 form (+ and up to 15 digits), found {value!r}"


def _email(value: str, region: str | None) -> tuple[str | None, str | None]:
    from cwprofile.addresses import IS_EMAIL

    address = value.removeprefix("mailto:")
    if not IS_EMAIL.fullmatch(address):
        return None, f"{value!r} is not an email address"
    return address, None


def _url(value: str, region: str | None) -> tuple[str | None, str | None]:
    from cwprofile.addresses import IS_URL

    if not IS_URL.fullmatch(value):
        return None, f"expected an http(s) address, found {value!r}"
    return value, None


def _blank_or(pattern: str) -> dict[str, Any]:
    """A file schema: text the pattern matches whole, or blank (left out), or null."""
    return {"type": ["string", "null"], "pattern": _exact(f"\\s*|{pattern}")}


def _email_schema() -> dict[str, Any]:
    from cwprofile.addresses import EMAIL

    return _blank_or(f"(?:mailto:)?{EMAIL}")


def _url_schema() -> dict[str, Any]:
    from cwprofile.addresses import URL

    return _blank_or(URL)


TEXT = ContactKind(
    "text",
    check=lambda value, region: (value, None),
    file_schema=lambda: NULLABLE_TEXT,
    document_schema=NULLABLE_TEXT,
    link=lambda value, derived: None,
)
# As printed in the profile; whether it reads as a number is for `validate` alone.
PHONE = ContactKind(
    "phone",
    check=_phone,
    file_schema=lambda: NULLABLE_TEXT,
    document_schema=NULLABLE_TEXT,
    link=_phone_link,
    scheme="tel",
)
E164 = ContactKind(
    "e164",
    check=_e164,
    file_schema=lambda: _blank_or(f"\\s*{E164_PATTERN}\\s*"),
    document_schema={"type": ["string", "null"], "pattern": _exact(E164_PATTERN)},
    link=_tel,
    scheme="tel",
    derive=phone_e164,
)
EMAIL_ADDRESS = ContactKind(
    "email",
    check=_email,
    file_schema=_email_schema,
    document_schema=NULLABLE_TEXT,
    link=_mailto,
    scheme="mailto",
)
WEB_ADDRESS = ContactKind(
    "url",
    check=_url,
    file_schema=_url_schema,
    document_schema=NULLABLE_TEXT,
    link=lambda value, derived: value,
)
CONTACT_KINDS = (TEXT, PHONE, E164, EMAIL_ADDRESS, WEB_ADDRESS)
