"""`cwprofile import`: ITU Cyberwellness Profiles, as PDFs or as the text extracted from them,
into profile files.

- `source`  reads a file or stdin: text in whatever encoding, or a PDF (`pdf`, in a bounded
  child process);
- `lines`   undoes what extraction does to text (page furniture, running headers, wrapping,
  hyphenation, mis-decoded characters through `repair`);
- `profile` reads one profile's structure: title, background, sections, contact, dates;
- `status`  reads each indicator's status by ITU's template rule, and says why;
- `contact` reads where to report an incident;
- `many`    reads many profiles (many inputs, or a report holding many) and places them in a
  folder, one file per country (the `import` command, `import_command.py`, writes them).
"""
