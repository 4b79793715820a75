import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { analyse, type AnalysisInput } from '../../shared/analyse';
import { createAnalysisCache, diffTexts, type TextEdit } from '../../shared/incremental';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** A small seeded generator, so that a failure replays. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 4294967296) * n);
  };
}

function read(folder: string, file: string): string {
  return readFileSync(join(FIXTURES, folder, file), 'utf8');
}

function all(folder: string, pattern: RegExp): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((f) => pattern.test(f))
    .map((f) => read(folder, f));
}

/** A Compose file without anchors: each service is its own part. */
function plainCompose(): string {
  const service = (i: number, extra: string[]) => [
    `  app-${i}:`,
    `    image: registry.example.com/app-${i}:1.0 # note`,
    '    environment:',
    `      NOTE: "words for app ${i}"`,
    ...extra,
    '    volumes:',
    `      - ./data/${i}:/data`,
  ];
  return [
    '# a plain file',
    'name: plain',
    'services:',
    ...service(0, []),
    ...service(1, ['      DOCKER_HOST: tcp://docker:2375']),
    ...service(2, ['    privileged: true']),
    '    command: ["--tls=false"]',
    ...service(3, []),
    '      - /var/run/docker.sock:/var/run/docker.sock',
    'volumes:',
    '  logs: {}',
    '',
  ].join('\n');
}

/** Texts per file name: the name decides the family, as in the editor. */
function cases(): Array<{ name: string; fileName: string; text: string }> {
  const kubernetes = all('kubernetes', /\.yaml$/).join('\n---\n');
  return [
    { name: 'plain compose', fileName: '/w/compose.yaml', text: plainCompose() },
    ...all('compose', /\.yaml$/).map((text, i) => ({
      name: `compose #${i}`,
      fileName: '/w/compose.yaml',
      text,
    })),
    { name: 'kubernetes stream', fileName: '/w/k8s/all.yaml', text: kubernetes },
    ...all('helm', /\.yaml$/).map((text, i) => ({
      name: `helm #${i}`,
      fileName: '/w/chart/templates/t.yaml',
      text,
    })),
    ...all('dockerfile', /Dockerfile$/).map((text, i) => ({
      name: `dockerfile #${i}`,
      fileName: '/w/Dockerfile',
      text,
    })),
    ...all('github', /\.yml$/).map((text, i) => ({
      name: `github #${i}`,
      fileName: '/w/.github/workflows/ci.yml',
      text,
    })),
    ...all('gitlab', /\.yml$/).map((text, i) => ({
      name: `gitlab #${i}`,
      fileName: '/w/.gitlab-ci.yml',
      text,
    })),
    ...all('shell', /\.sh$/).map((text, i) => ({
      name: `shell #${i}`,
      fileName: '/w/run.sh',
      text,
    })),
  ];
}

const CHARACTERS = [
  'Z',
  ' ',
  '\n',
  '#',
  ':',
  '-',
  '"',
  "'",
  '{',
  '[',
  '|',
  '\\',
  '&',
  '*',
  '\n---\n',
  'sock',
];

/**
 * One edit as a user makes them: mostly a letter typed, deleted or replaced inside a word or a
 * comment (the cases the cache reuses), sometimes a character that breaks the structure, which
 * the next edit takes back (`undo`).
 */
function edit(text: string, next: (n: number) => number): { text: string; undo?: string } {
  if (next(10) < 7) {
    const words = [...text.matchAll(/[a-z]+/g)];
    const word = words[next(words.length)];
    if (!word) return { text };
    const at = word.index + next(word[0].length);
    const letter = String.fromCharCode(97 + next(26));
    const cut = next(3);
    return {
      text: text.slice(0, at) + (cut === 1 ? '' : letter) + text.slice(at + Math.min(cut, 1)),
    };
  }
  const at = next(text.length + 1);
  const insert = CHARACTERS[next(CHARACTERS.length)] ?? 'Z';
  return { text: text.slice(0, at) + insert + text.slice(at + next(2)), undo: text };
}

describe('incremental analysis cache', () => {
  for (const [index, item] of cases().entries()) {
    it(`gives analyse()'s exact result after each of 60 edits: ${item.name}`, () => {
      const cache = createAnalysisCache();
      const next = random(1000 + index);
      let text = item.text;
      let undo: string | undefined;
      for (let step = 0; step <= 60; step++) {
        const input: AnalysisInput = { fileName: item.fileName, text };
        assert.deepStrictEqual(cache.analyse(input), analyse(input), `after edit ${step}`);
        if (undo === undefined) ({ text, undo } = edit(text, next));
        else [text, undo] = [undo, undefined];
      }
    });
  }

  it('reuses the last result for comment edits, one-document and one-service edits', () => {
    const cache = createAnalysisCache();
    const stream = all('kubernetes', /\.yaml$/).join('\n---\n');
    const compose = read('compose', 'volumes-short.positive.yaml');
    const plain = plainCompose();
    const files = [
      { fileName: '/w/k8s.yaml', text: stream, at: stream.indexOf('kind: Pod') + 6 },
      { fileName: '/w/compose.yaml', text: compose, at: compose.indexOf('#') + 2 },
      { fileName: '/w/plain/compose.yaml', text: plain, at: plain.indexOf('app 2') + 2 },
    ];
    for (const { fileName, text, at } of files) {
      cache.analyse({ fileName, text });
      const edited = text.slice(0, at) + 'x' + text.slice(at);
      assert.deepStrictEqual(
        cache.analyse({ fileName, text: edited }),
        analyse({ fileName, text: edited }),
      );
    }
    assert.deepStrictEqual(
      { part: cache.stats.part, comment: cache.stats.comment },
      { part: 2, comment: 1 },
    );
  });

  it('reuses the last result for an edit of a one-line Dockerfile LABEL, and only then', () => {
    const socket = 'RUN docker run -v /var/run/docker.sock:/var/run/docker.sock alpine\n';
    const labelled = `FROM alpine\n${socket}LABEL org.example.note="quiet words"\n`;
    // The LABEL line is the end of the RUN above, over a comment line: an argument of RUN.
    const continued = `FROM alpine\nRUN echo \\\n# a comment\nLABEL note="v /var/run/docker.sock"\n`;
    const cases: Array<[string, string, string, keyof typeof cache.stats]> = [
      [labelled, 'quiet', 'quieter', 'comment'],
      [labelled, 'words"', 'words" \\', 'full'],
      [continued, 'note="v', 'note="w', 'full'],
    ];
    const cache = createAnalysisCache();
    for (const [text, from, to, how] of cases) {
      const fileName = '/w/Dockerfile';
      cache.analyse({ fileName, text });
      const counted = cache.stats[how];
      const edited = text.replace(from, to);
      assert.deepStrictEqual(
        cache.analyse({ fileName, text: edited }),
        analyse({ fileName, text: edited }),
      );
      assert.equal(cache.stats[how], counted + 1, `${from} -> ${to}: ${how}`);
    }
  });

  it('analyses anew when the options change', () => {
    const cache = createAnalysisCache();
    const text = read('compose', 'volumes-short.positive.yaml');
    const fileName = '/w/compose.yaml';
    cache.analyse({ fileName, text });
    const options = { trustedImages: ['*'] };
    assert.deepStrictEqual(
      cache.analyse({ fileName, text, options }),
      analyse({ fileName, text, options }),
    );
    assert.equal(cache.stats.full, 2);
  });
});

/** The common prefix, then the common suffix of what is left, a character at a time. */
function naiveDiff(before: string, after: string): TextEdit {
  let start = 0;
  while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before[oldEnd - 1] === after[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

describe('diffTexts', () => {
  it('finds the region a naive comparison finds, on texts of every size around its blocks', () => {
    const next = random(77);
    const letters = 'ab\n';
    for (let round = 0; round < 400; round++) {
      const length = [0, 1, 511, 512, 513, 1024, 1537, 3000][round % 8] ?? 0;
      const before = Array.from({ length }, () => letters[next(3)]).join('');
      const at = next(length + 1);
      const removed = next(Math.min(4, length - at) + 1);
      const inserted = Array.from({ length: next(4) }, () => letters[next(3)]).join('');
      const after = before.slice(0, at) + inserted + before.slice(at + removed);
      assert.deepStrictEqual(diffTexts(before, after), naiveDiff(before, after), `round ${round}`);
    }
  });

  it('reports no region for equal texts and a whole one for unrelated texts', () => {
    const text = 'x'.repeat(2000);
    assert.deepStrictEqual(diffTexts(text, text), { start: 2000, oldEnd: 2000, newEnd: 2000 });
    assert.deepStrictEqual(diffTexts('a'.repeat(700), 'b'.repeat(900)), {
      start: 0,
      oldEnd: 700,
      newEnd: 900,
    });
  });
});
