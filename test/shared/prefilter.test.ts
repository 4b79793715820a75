import { strict as assert } from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { analyse } from '../../shared/analyse';
import { mayHoldFinding } from '../../shared/detect/prefilter';
import { resolveOptions } from '../../shared/model/options';

const ROOT = join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('pre-filter', () => {
  const options = resolveOptions();

  // Every fixture and example that holds a finding when all detectors run must pass the
  // pre-filter: it may only ever rule out files that cannot hold one.
  const files = [
    ...filesUnder(join(ROOT, 'test', 'fixtures')),
    ...filesUnder(join(ROOT, 'examples')),
  ];
  const positives = files.filter((path) => {
    const text = readFileSync(path, 'utf8');
    const fileName = relative(ROOT, path);
    return analyse({ fileName, text, skipPrefilter: true }).findings.length > 0;
  });

  it('sees positive fixtures of the families to check against', () => {
    assert.ok(positives.length > 0, 'no positive fixture found under test/fixtures or examples');
  });

  for (const path of positives) {
    it(`keeps ${relative(ROOT, path)}`, () => {
      assert.equal(mayHoldFinding(readFileSync(path, 'utf8'), options), true);
    });
  }

  const rootMounts = [
    'services:\n  a:\n    volumes:\n      - /:/host\n',
    'services:\n  a:\n    volumes:\n      - "/:/host:ro"\n',
    'services:\n  a:\n    volumes:\n      - type: bind\n        source: /\n        target: /host\n',
    'docker run -v /:/host alpine\n',
    'docker run --mount type=bind,source=/,target=/host alpine\n',
    '{ "mounts": ["source=/,target=/host,type=bind"] }\n',
    'docker run -v ${ROOT:-/}:/host alpine\n',
    'docker run -v //:/host alpine\n',
    'docker run -v /.:/host alpine\n',
    'ROOT := /\n',
  ];

  const pipes = [
    'services:\n  a:\n    volumes:\n      - //./pipe/docker_engine://./pipe/docker_engine\n',
    'docker run -v \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine img\n',
    '{ "hosts": ["npipe://"] }\n',
  ];
  for (const text of pipes) {
    it(`keeps a Windows named pipe: ${JSON.stringify(text)}`, () => {
      assert.equal(mayHoldFinding(text, options), true);
    });
  }

  it('keeps a published port range that includes 2375', () => {
    const text = 'services:\n  d:\n    ports:\n      - "2370-2380:2370-2380"\n';
    assert.equal(mayHoldFinding(text, options), true);
  });
  for (const text of rootMounts) {
    it(`keeps a root mount without a socket name: ${JSON.stringify(text)}`, () => {
      assert.equal(mayHoldFinding(text, options), true);
    });
  }

  const inert = [
    'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
    'FROM node:20\nCOPY . /app\nRUN npm ci\nCMD ["node", "server.js"]\n',
    '#!/bin/sh\nset -eu\nnpm test\n',
    // the words of almost every script and Dockerfile: relative paths, pipefail
    '#!/usr/bin/env bash\nset -euo pipefail\n./build.sh ../out\n',
    'FROM node:20\nWORKDIR /src\nCOPY package.json ./\nCOPY . .\nRUN cp -r ./dist ../\n',
  ];
  for (const text of inert) {
    it(`rules out a file that cannot hold a finding: ${JSON.stringify(text.slice(0, 30))}`, () => {
      assert.equal(mayHoldFinding(text, options), false);
    });
  }

  it('lets everything through when outside variables could spell a path', () => {
    const withEnv = resolveOptions({ variables: { HOST_DIR: '/' } });
    assert.equal(
      mayHoldFinding('services:\n  a:\n    volumes: ["${HOST_DIR}:/h"]\n', withEnv),
      true,
    );
  });

  it('looks for the names of extra socket paths from the settings', () => {
    const extra = resolveOptions({ extraSocketPaths: ['/opt/engine/api.socket'] });
    assert.equal(mayHoldFinding('volumes: ["/opt/engine/api.socket:/api.socket"]', extra), true);
    assert.equal(mayHoldFinding('volumes: ["/opt/engine/data:/data"]', extra), false);
  });
});
