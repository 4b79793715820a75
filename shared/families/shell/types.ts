import type { Owner } from '../../model/finding';
import type { Variables } from '../../paths/normalise';

/**
 * Shell text found inside another file (a Dockerfile RUN, a Makefile recipe, a CI `run:` step),
 * with the map from offsets in `text` back to offsets in the host document.
 */
export interface EmbeddedScript {
  text: string;
  /** the document offset of the script character at `offset` */
  toDocument(offset: number): number;
  /**
   * Optional: where a span of the script that ends at `offset` (exclusive) ends in the document.
   * Without it the end is `toDocument(offset - 1) + 1`, right for text copied character by
   * character. A script whose characters stand for longer document text (a Make variable
   * reference replaced by its value) gives it to end spans after the whole reference.
   */
  toDocumentEnd?(offset: number): number;
}

/** A shell word after quote removal, with its span in the host document. */
export interface Word {
  value: string;
  start: number;
  end: number;
  /**
   * Optional: the document offset of value character `index` (`splitWords` fills it). Without
   * it, a span inside the word (the host path of `-v /x:/y`) is found by reading the document
   * text between `start` and `end` as shell; when that text does not spell the value, the span
   * is the whole word.
   */
  offsetOf?(index: number): number;
}

/** What the caller knows about where the shell runs. */
export interface ShellContext {
  /** who runs the script (the job, the recipe, the instruction); named in messages */
  owner?: Owner;
  /** variables known from around the script: Make variables, CI `env`/`variables` */
  variables?: Variables;
  /**
   * The container's image when the flags come without it (`analyseContainerFlags`: devcontainer
   * `image`, GitHub `container.image`). Privileged Docker-in-Docker is only reported when known.
   */
  image?: string;
  /** the document span of `image`, named as a related location */
  imageSpan?: { start: number; end: number };
}
