// Entry point of the command line (filled in by the CLI work).
