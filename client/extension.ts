// Entry point of the VS Code extension (filled in by the extension work).
export function activate(): void {}
