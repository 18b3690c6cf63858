"""Data files shipped in the wheel: word lists, phrase lists, icons. Read through importlib.resources."""
