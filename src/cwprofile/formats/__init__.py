"""One module per output format: each turns a Report (or its document) into text, printing nothing."""
