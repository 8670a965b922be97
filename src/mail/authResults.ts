/**
 * A small strict reader of Authentication-Results headers (RFC 8601): the
 * authserv-id, then `method=result` with its `ptype.property=value` pairs,
 * comments in parentheses (nested, escaped) skipped, quoted values read.
 * Hand-written because no maintained npm package parses them: mailauth
 * (the reference implementation in Node) writes these headers and verifies
 * DKIM/SPF/DMARC itself, but exports no parser for them. A result that
 * does not follow the grammar is dropped, never guessed: a header that
 * cannot be read can only lower the verdict, never raise it.
 */
import type { AuthMethodResult, AuthResultsHeader } from '../core/messages/authentication.js';

type Token = { kind: 'word' | 'quoted'; value: string } | { kind: ';' | '=' };

/** Longest header read (a real one is well under 2 KB; folded ones from big providers under 8 KB). */
const MAX_HEADER = 16_384;

function tokenize(raw: string): Token[] {
  const s = raw.slice(0, MAX_HEADER);
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '(') {
      let depth = 0;
      for (; i < s.length; i++) {
        const d = s[i]!;
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) {
          i++;
          break;
        }
      }
    } else if (c === '"') {
      let value = '';
      for (i++; i < s.length && s[i] !== '"'; i++) value += s[i] === '\\' ? (s[++i] ?? '') : s[i];
      i++;
      tokens.push({ kind: 'quoted', value });
    } else if (c === ';' || c === '=') {
      tokens.push({ kind: c });
      i++;
    } else {
      let value = '';
      while (i < s.length && !' \t\r\n();="'.includes(s[i]!)) value += s[i++];
      tokens.push({ kind: 'word', value });
    }
  }
  return tokens;
}

const isValue = (t: Token | undefined): t is { kind: 'word' | 'quoted'; value: string } => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** One resinfo ("dkim=pass header.d=example.fr header.s=s1"), or null when it breaks the grammar. */
function resinfo(tokens: Token[]): AuthMethodResult | null {
  const [method, eq, result, ...rest] = tokens;
  if (!isValue(method) || method.kind !== 'word' || eq?.kind !== '=' || !isValue(result)) return null;
  const name = method.value.toLowerCase().split('/')[0]!;
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) return null;
  const props: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 3) {
    const k = rest[i];
    const e = rest[i + 1];
    const v = rest[i + 2];
    if (!isValue(k) || k.kind !== 'word' || e?.kind !== '=' || !isValue(v)) return null;
    props[k.value.toLowerCase()] = v.value;
  }
  return { method: name, result: result.value.toLowerCase(), props };
}

/** Reads one header value. */
export function parseAuthResultsHeader(raw: string): AuthResultsHeader {
  const tokens = tokenize(raw);
  const segments: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === ';') segments.push([]);
    else segments[segments.length - 1]!.push(t);
  }
  const head = segments[0]!;
  // authserv-id, optionally followed by a version number
  const id = head[0];
  const authservId = isValue(id) && (head.length === 1 || (head.length === 2 && isValue(head[1]) && /^\d+$/.test(head[1].value))) ? id.value.toLowerCase() : '';
  const results: AuthMethodResult[] = [];
  for (const seg of segments.slice(1)) {
    if (seg.length === 0) continue;
    if (seg.length === 1 && isValue(seg[0]) && seg[0].value.toLowerCase() === 'none') continue;
    const r = resinfo(seg);
    if (r) results.push(r);
  }
  return { authservId, results };
}

/** Reads every Authentication-Results header, in the message's order (topmost first). */
export function parseAuthResults(values: readonly string[]): AuthResultsHeader[] {
  return values.slice(0, 50).map(parseAuthResultsHeader);
}
