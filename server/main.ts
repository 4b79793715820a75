// Entry point of the language server (filled in by the language-server work).
