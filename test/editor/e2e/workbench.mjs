// What a person does and sees in the VS Code workbench, as playwright-core calls. Every wait
// polls a condition in the page until a deadline; none sleeps for a fixed time.

const POLL = { polling: 250, timeout: 60_000 };

export async function openWorkspace(page, baseUrl, folder) {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
}

/** Opens a file through Quick Open (Ctrl+P), as a keyboard user would. */
export async function quickOpen(page, relativePath) {
  await page.locator('.monaco-workbench .part.editor').click({ position: { x: 300, y: 300 } });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(relativePath);
  const name = relativePath.split('/').pop();
  await page.waitForFunction(
    (wanted) => {
      const row = document.querySelector('.quick-input-list .monaco-list-row');
      return row !== null && row.textContent.includes(wanted);
    },
    name,
    POLL,
  );
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (wanted) => {
      const tab = document.querySelector('.tabs-container .tab.active');
      const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
      return tab !== null && tab.textContent.includes(wanted) && lines !== null;
    },
    name,
    POLL,
  );
}

/**
 * The editor's visible text, line by line in screen order (the DOM keeps view lines in any
 * order), with the non-breaking spaces the editor renders turned back into spaces.
 */
export function editorText(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')];
    return lines
      .map((line) => ({ top: line.getBoundingClientRect().top, text: line.textContent }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.replace(/\u00a0/g, ' '))
      .join('\n');
  });
}

/** Waits for a squiggle of `severity` on the line that shows `lineText`; returns its box. */
export async function waitForSquiggle(page, lineText, severity = 'error') {
  const handle = await page.waitForFunction(
    ({ text, cls }) => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return null;
      const line = [...editor.querySelectorAll('.view-line')].find((l) =>
        l.textContent.replace(/\u00a0/g, ' ').includes(text),
      );
      if (!line) return null;
      const row = line.getBoundingClientRect();
      const squiggle = [...editor.querySelectorAll(`.squiggly-${cls}`)]
        .map((s) => s.getBoundingClientRect())
        .find((box) => box.width > 0 && box.top < row.bottom && box.bottom > row.top);
      return squiggle
        ? { x: squiggle.x, y: squiggle.y, width: squiggle.width, height: squiggle.height }
        : null;
    },
    { text: lineText, cls: severity },
    POLL,
  );
  return handle.jsonValue();
}

/** Waits until the editor shows no error or warning squiggle at all. */
export async function waitForNoSquiggles(page) {
  await page.waitForFunction(
    () =>
      document.querySelectorAll(
        '.editor-instance .monaco-editor .squiggly-error, .editor-instance .monaco-editor .squiggly-warning',
      ).length === 0,
    undefined,
    POLL,
  );
}

/** Opens the Problems panel and waits for an entry containing every one of `parts`. */
export async function problemsEntry(page, parts) {
  await page.keyboard.press('Control+Shift+M');
  const handle = await page.waitForFunction(
    (wanted) => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
      const row = rows.find((r) => wanted.every((part) => r.textContent.includes(part)));
      return row ? row.textContent : null;
    },
    parts,
    POLL,
  );
  return handle.jsonValue();
}

/** Hovers the middle of a box and waits for a hover containing every one of `parts`. */
export async function hoverAt(page, box, parts) {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const handle = await page.waitForFunction(
    (wanted) => {
      const hovers = [...document.querySelectorAll('.monaco-hover')].filter(
        (h) => h.offsetParent !== null,
      );
      const text = hovers.map((h) => h.textContent).join('\n');
      return wanted.every((part) => text.includes(part)) ? text : null;
    },
    parts,
    POLL,
  );
  return handle.jsonValue();
}

/**
 * Puts the cursor on the box and opens the quick-fix menu (Ctrl+.). Resolves with the menu's
 * titles, or with an empty list when the editor says no code actions are available.
 */
export async function quickFixMenu(page, box) {
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  // Move the pointer off the text so its hover does not cover the menu in the screenshot.
  await page.mouse.move(box.x + 2, box.y + 300);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+.');
  const handle = await page.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('.action-widget .monaco-list-row.action')];
      if (rows.length > 0) return rows.map((r) => r.textContent.trim());
      const message = document.querySelector('.monaco-editor-overlaymessage');
      return message && /no code actions/i.test(message.textContent) ? [] : null;
    },
    undefined,
    POLL,
  );
  return handle.jsonValue();
}

/**
 * Chooses the quick-fix menu entry whose title matches `pattern` with the keyboard: the menu
 * lays a pointer blocker over the page, so arrow keys and Enter are what reach it.
 */
export async function chooseFix(page, pattern) {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const titles = (await rows.allTextContents()).map((t) => t.trim());
  if (!titles.some((title) => pattern.test(title))) {
    throw new Error(`no menu entry matches ${pattern}; entries: ${titles.join(' | ')}`);
  }
  for (let moves = 0; moves <= titles.length; moves++) {
    const focused = await page
      .locator('.action-widget .monaco-list-row.action.focused')
      .textContent({ timeout: 5_000 });
    if (focused && pattern.test(focused)) {
      await page.keyboard.press('Enter');
      return focused.trim();
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not move the menu focus to ${pattern}`);
}

/** Waits until the editor text satisfies every pattern in `has` and none in `hasNot`. */
export async function waitForEditorText(page, { has = [], hasNot = [] }) {
  const source = (list) => list.map((p) => ({ source: p.source, flags: p.flags }));
  try {
    const handle = await page.waitForFunction(
      ({ wanted, unwanted }) => {
        const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')];
        const text = lines
          .map((line) => ({ top: line.getBoundingClientRect().top, text: line.textContent }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text.replace(/\u00a0/g, ' '))
          .join('\n');
        const test = (p) => new RegExp(p.source, p.flags).test(text);
        return wanted.every(test) && !unwanted.some(test) ? text : null;
      },
      { wanted: source(has), unwanted: source(hasNot) },
      POLL,
    );
    return await handle.jsonValue();
  } catch (error) {
    const text = await editorText(page);
    throw new Error(`editor text never matched (${error.message}); it reads:\n${text}`);
  }
}
