/**
 * Grant rules: what a caller app may call on a service. A rule is `METHODS PATTERN`:
 * METHODS is `*` or a comma list (`GET,POST`); PATTERN is a path below the service that starts
 * with `/`, where `*` stands for any run of characters, `/` included (`GET /pegawai/*` allows
 * `/pegawai/1` and `/pegawai/1/foto`). A grant with no rules allows the whole service. GET also
 * allows HEAD. Paths are matched as sent (percent-encoded); the gateway refuses dot segments
 * and encoded slashes first, so a backend cannot be reached outside a pattern by normalising.
 */
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

export interface CompiledRule {
  /** null = every method */
  methods: ReadonlySet<string> | null;
  path: RegExp;
}

const RULE = /^(\*|[A-Z]+(?:,[A-Z]+)*)\s+(\/\S*)$/;
const PATTERN_CHARS = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/** Parses one rule; returns the reason it is refused, or the compiled rule. */
export function parseRule(text: string): CompiledRule | { error: string } {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const withMethods = trimmed.startsWith('/') ? `* ${trimmed}` : trimmed;
  const match = RULE.exec(withMethods.replace(/^([a-z,]+)\s/i, (m) => m.toUpperCase()));
  if (!match || trimmed.length > 300) return { error: 'format' };
  const [, methodText, pattern] = match as unknown as [string, string, string];
  let methods: Set<string> | null = null;
  if (methodText !== '*') {
    methods = new Set(methodText.split(','));
    for (const m of methods) if (!(METHODS as readonly string[]).includes(m)) return { error: 'method' };
    if (methods.has('GET')) methods.add('HEAD');
  }
  if (!PATTERN_CHARS.test(pattern) || badPath(pattern.replace(/\*/g, 'x'))) return { error: 'pattern' };
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return { methods, path: new RegExp(`^${source}$`) };
}

/** Normalised text of a rule (upper-case methods, single space), or null when invalid. */
export function normaliseRule(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if ('error' in parseRule(trimmed)) return null;
  if (trimmed.startsWith('/')) return `* ${trimmed}`;
  const [methods, pattern] = trimmed.split(' ') as [string, string];
  return `${methods.toUpperCase()} ${pattern}`;
}

export function compileRules(rules: readonly string[]): CompiledRule[] {
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    const parsed = parseRule(rule);
    if (!('error' in parsed)) compiled.push(parsed);
  }
  return compiled;
}

/** An empty rule list allows everything; otherwise one rule must match method and path. */
export function allows(rules: readonly CompiledRule[], method: string, path: string): boolean {
  if (rules.length === 0) return true;
  return rules.some((rule) => (rule.methods === null || rule.methods.has(method)) && rule.path.test(path));
}

/**
 * Paths the gateway refuses to forward: dot segments (also percent-encoded), encoded slashes or
 * backslashes, NUL, and raw backslashes — the ways a path escapes a prefix once a backend
 * normalises it.
 */
export function badPath(path: string): boolean {
  return /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path) || /%2f|%5c|%00|\\/i.test(path);
}
