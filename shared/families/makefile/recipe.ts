import type { SourceDocument } from '../../model/document';
import type { EmbeddedScript } from '../shell/embed';
import { expand, type Lookup, type Segment } from './expand';

/** A run of document text in the raw recipe. */
interface Piece {
  rawStart: number;
  docStart: number;
  length: number;
}

/**
 * A recipe as the shell gets it: document runs joined, then expanded by make. Characters of a
 * variable's value map to its whole reference, so that a span over an expanded `$(SOCK)` covers
 * `$(SOCK)` in the Makefile.
 */
export class RecipeScript implements EmbeddedScript {
  readonly text: string;
  /** where variables were referenced: name and document span of `$(NAME)` */
  readonly references: Array<{ name: string; start: number; end: number }>;
  private readonly pieces: Piece[] = [];
  private readonly segments: Segment[];

  constructor(
    doc: SourceDocument,
    runs: ReadonlyArray<{ start: number; end: number }>,
    lookup: Lookup,
  ) {
    let raw = '';
    for (const run of runs) {
      this.pieces.push({ rawStart: raw.length, docStart: run.start, length: run.end - run.start });
      raw += doc.text.slice(run.start, run.end);
    }

    const expanded = expand(raw, lookup);
    this.text = expanded.text;
    this.segments = expanded.segments;
    this.references = expanded.references.map((reference) => ({
      name: reference.name,
      start: this.rawToDoc(reference.rawStart),
      end: this.rawToDocEnd(reference.rawEnd),
    }));
  }

  toDocument(offset: number): number {
    const segment = this.segmentAt(offset);
    if (!segment) return this.rawToDoc(0);
    if (!segment.literal) return this.rawToDoc(segment.rawStart);
    return this.rawToDoc(
      segment.rawStart + Math.min(offset - segment.start, segment.rawEnd - segment.rawStart),
    );
  }

  toDocumentEnd(offset: number): number {
    const segment = this.segmentAt(offset - 1);
    if (!segment || offset <= 0) return this.toDocument(offset);
    if (!segment.literal) return this.rawToDocEnd(segment.rawEnd);
    return this.rawToDocEnd(segment.rawStart + (offset - segment.start));
  }

  private segmentAt(offset: number): Segment | undefined {
    return findLast(this.segments, (segment) => segment.start <= offset);
  }

  private rawToDoc(raw: number): number {
    const piece = findLast(this.pieces, (p) => p.rawStart <= raw) ?? this.pieces[0];
    if (!piece) return 0;
    return piece.docStart + Math.min(raw - piece.rawStart, piece.length);
  }

  /** The document offset just past raw character `raw - 1`. */
  private rawToDocEnd(raw: number): number {
    return raw <= 0 ? this.rawToDoc(0) : this.rawToDoc(raw - 1) + 1;
  }
}

/** The last item (in ascending order) for which `before` holds, by binary search. */
function findLast<T>(items: readonly T[], before: (item: T) => boolean): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = items[mid] as T;
    if (before(item)) {
      found = item;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
