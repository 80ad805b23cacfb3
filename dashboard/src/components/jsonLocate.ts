import { pathSegments } from '../api/problem';

/** Where a value sits in the JSON text (1-based line). */
export interface Spot {
  line: number;
  offset: number;
}

export interface Located {
  /** Every value's position, keyed by its display path (`applications[0].port`); '' is the root. */
  spots: Map<string, Spot>;
  /** Set when the text is not JSON: the message and where parsing stopped. */
  syntaxError?: { message: string; line: number };
}

/**
 * Parses JSON text and records where every member sits, so the editor can put an API violation
 * ("applications[0].microservices[1].port") next to the line that holds it. A small parser of
 * its own because JSON.parse keeps no positions.
 */
export function locate(text: string): Located {
  const spots = new Map<string, Spot>();
  let i = 0;
  const lineAt = (pos: number) => {
    let n = 1;
    for (let k = 0; k < pos && k < text.length; k++) if (text.charCodeAt(k) === 10) n++;
    return n;
  };
  const fail = (msg: string): never => {
    throw new SyntaxError(msg);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const key = pathKey;

  const str = (): string => {
    if (text[i] !== '"') fail('expected a string in double quotes');
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] === '\n') fail('a string runs past the end of its line');
      i++;
    }
    if (i >= text.length) fail('a string is not closed');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };

  const value = (path: (string | number)[], at: number) => {
    ws();
    spots.set(key(path), { line: lineAt(at), offset: at });
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyAt = i;
        const k = str();
        ws();
        if (text[i] !== ':') fail(`expected ":" after "${k}"`);
        i++;
        value([...path, k], keyAt);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('expected "," or "}"');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        ws();
        value([...path, n], i);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('expected "," or "]"');
      }
    } else if (c === '"') {
      str();
    } else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) fail(i >= text.length ? 'the text ends too early' : `unexpected "${c}"`);
      i += m![0].length;
    }
  };

  try {
    ws();
    if (i >= text.length) fail('the text is empty');
    value([], i);
    ws();
    if (i < text.length) fail('there is more text after the end of the JSON document');
    return { spots };
  } catch (e) {
    return { spots, syntaxError: { message: (e as Error).message, line: lineAt(i) } };
  }
}

/** The map key of a path: `applications[0].port`; '' for the document itself. */
export function pathKey(path: (string | number)[]): string {
  return path.map((s, k) => (typeof s === 'number' ? `[${s}]` : k === 0 ? s : `.${s}`)).join('');
}

/**
 * The line a violation belongs on: its own value's line, or, for a missing member, the line of
 * the nearest enclosing value that exists. Undefined when nothing matches.
 */
export function lineOf(located: Located, violationPath: string): number | undefined {
  const segs = pathSegments(violationPath);
  for (let n = segs.length; n >= 0; n--) {
    const spot = located.spots.get(pathKey(segs.slice(0, n)));
    if (spot) return spot.line;
  }
  return undefined;
}
