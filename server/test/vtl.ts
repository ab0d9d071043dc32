/**
 * A small Velocity (VTL) interpreter for the transformer's auth resolvers, so tests can run the
 * compiled templates AppSync would run and compare their decisions with the server's. It covers what
 * those templates use: #set, #if/#elseif/#else, #foreach with #break and `$foreach.index`, maps and
 * lists with Java's methods, string interpolation, arithmetic, and the `$util` functions below (the
 * DynamoDB ones only as far as the sync resolvers' choice of Query or Scan needs them). Output text is
 * not rendered.
 */

type Value = unknown;
type Scope = Record<string, Value>;

/** `$util.unauthorized()` or `$util.error(...)`: the resolver stops with this error. */
export class VtlError extends Error {
  constructor(
    message: string,
    readonly errorType: string,
  ) {
    super(message);
  }
}

/** `#break`, unwinding to the innermost #foreach. */
const BREAK = Symbol('break');

type Expr = (scope: Scope) => Value;
interface Target {
  name: string;
  path: Expr[];
}
type Node =
  | { kind: 'set'; target: Target; value: Expr }
  | { kind: 'if'; branches: { test: Expr; body: Node[] }[]; otherwise: Node[] }
  | { kind: 'foreach'; name: string; items: Expr; body: Node[] }
  | { kind: 'break' }
  | { kind: 'eval'; expr: Expr };

const isMap = (value: Value): value is Record<string, Value> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Java's equals as Velocity's `==` uses it. */
function equal(a: Value, b: Value): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function javaString(value: Value): string {
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (isMap(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`;
  return String(value);
}

const isEmpty = (value: Value) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isMap(value) && Object.keys(value).length === 0);

function util(authType: string, output: { json?: string }, now: number): Record<string, Value> {
  return {
    time: { nowEpochMilliSeconds: () => now },
    dynamodb: {
      toDynamoDBJson: (value: Value) => JSON.stringify(typeof value === 'number' ? { N: String(value) } : { S: value }),
    },
    // The expression itself is DynamoDB's business; the templates only look at its parts.
    transform: {
      toDynamoDBFilterExpression: (filter: Value) =>
        JSON.stringify({ expression: JSON.stringify(filter), expressionNames: {}, expressionValues: {} }),
    },
    qr: () => null,
    defaultIfNull: (value: Value, fallback: Value) => value ?? fallback,
    isNull: (value: Value) => value === null || value === undefined,
    isNullOrEmpty: isEmpty,
    isNullOrBlank: (value: Value) => value === null || value === undefined || String(value).trim() === '',
    isString: (value: Value) => typeof value === 'string',
    isList: (value: Value) => Array.isArray(value),
    parseJson: (text: string) => JSON.parse(text) as Value,
    toJson: (value: Value) => (output.json = JSON.stringify(value ?? null)),
    authType: () => authType,
    unauthorized: () => {
      throw new VtlError('Unauthorized', 'Unauthorized');
    },
    error: (message: string, type: string) => {
      throw new VtlError(message, type);
    },
    list: {
      copyAndRemoveAll: (list: Value[], remove: Value[]) => list.filter((item) => !remove.some((r) => equal(r, item))),
    },
    map: {
      copyAndRetainAllKeys: (map: Record<string, Value>, keys: string[]) =>
        Object.fromEntries(Object.entries(map).filter(([key]) => keys.includes(key))),
    },
  };
}

/** Java's methods of the values the templates hold: maps, lists and strings. */
function callMethod(target: Value, name: string, args: Value[]): Value {
  const [first, second] = args;
  if (Array.isArray(target)) {
    switch (name) {
      case 'contains':
        return target.some((item) => equal(item, first));
      case 'add':
        target.push(first);
        return true;
      case 'addAll':
        target.push(...(first as Value[]));
        return true;
      case 'isEmpty':
        return target.length === 0;
      case 'size':
        return target.length;
    }
  } else if (isMap(target)) {
    switch (name) {
      case 'get':
        return target[first as string] ?? null;
      case 'put': {
        const previous = target[first as string] ?? null;
        target[first as string] = second;
        return previous;
      }
      case 'putAll':
        Object.assign(target, first);
        return null;
      case 'remove': {
        const previous = target[first as string] ?? null;
        Reflect.deleteProperty(target, first as string);
        return previous;
      }
      case 'containsKey':
        return Object.hasOwn(target, first as string);
      case 'keySet':
        return Object.keys(target);
      case 'entrySet':
        return Object.entries(target).map(([key, value]) => ({ key, value }));
      case 'isEmpty':
        return Object.keys(target).length === 0;
      case 'size':
        return Object.keys(target).length;
    }
    const fn = target[name];
    if (typeof fn === 'function') return (fn as (...a: Value[]) => Value)(...args);
  } else if (typeof target === 'string') {
    switch (name) {
      case 'split': {
        const parts = target.split(first as string);
        while (parts.length > 1 && parts.at(-1) === '') parts.pop();
        return parts;
      }
      case 'isEmpty':
        return target.length === 0;
    }
  }
  // Velocity renders a call it cannot make as text and goes on: nothing changes.
  return null;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseTemplate(): Node[] {
    const [nodes, end] = this.block();
    if (end !== 'eof') throw new Error(`VTL: unexpected #${end}`);
    return nodes;
  }

  private block(): [Node[], string] {
    const nodes: Node[] = [];
    while (this.pos < this.text.length) {
      const rest = this.text.slice(this.pos);
      if (rest.startsWith('##')) {
        const eol = this.text.indexOf('\n', this.pos);
        this.pos = eol < 0 ? this.text.length : eol;
      } else if (/^#(set|if|elseif|foreach)\s*\(/.test(rest)) {
        const directive = /^#(\w+)/.exec(rest)?.[1] ?? '';
        this.pos += directive.length + 1;
        this.skipSpace();
        this.expect('(');
        if (directive === 'set') nodes.push(this.set());
        else if (directive === 'if') nodes.push(this.ifNode());
        else if (directive === 'foreach') nodes.push(this.foreach());
        else return [nodes, 'elseif'];
      } else if (/^#(else|end|break)\b/.test(rest)) {
        const directive = /^#(\w+)/.exec(rest)?.[1] ?? '';
        this.pos += directive.length + 1;
        if (directive === 'break') nodes.push({ kind: 'break' });
        else return [nodes, directive];
      } else if (/^\$!?\{?[A-Za-z]/.test(rest)) {
        const expr = this.reference();
        nodes.push({ kind: 'eval', expr });
      } else {
        this.pos++;
      }
    }
    return [nodes, 'eof'];
  }

  private set(): Node {
    this.skipSpace();
    this.expect('$');
    const name = this.identifier();
    const path: Expr[] = [];
    while (this.peek() === '.') {
      this.pos++;
      const key = this.identifier();
      path.push(() => key);
    }
    this.skipSpace();
    this.expect('=');
    const value = this.expression();
    this.skipSpace();
    this.expect(')');
    return { kind: 'set', target: { name, path }, value };
  }

  private ifNode(): Node {
    const branches: { test: Expr; body: Node[] }[] = [];
    let test = this.condition();
    for (;;) {
      const [body, end] = this.block();
      branches.push({ test, body });
      if (end === 'end') return { kind: 'if', branches, otherwise: [] };
      if (end === 'else') {
        const [otherwise, close] = this.block();
        if (close !== 'end') throw new Error('VTL: #else without #end');
        return { kind: 'if', branches, otherwise };
      }
      if (end !== 'elseif') throw new Error('VTL: #if without #end');
      test = this.condition();
    }
  }

  private condition(): Expr {
    const test = this.expression();
    this.skipSpace();
    this.expect(')');
    return test;
  }

  private foreach(): Node {
    this.skipSpace();
    this.expect('$');
    const name = this.identifier();
    this.skipSpace();
    this.expect('in');
    const items = this.condition();
    const [body, end] = this.block();
    if (end !== 'end') throw new Error('VTL: #foreach without #end');
    return { kind: 'foreach', name, items, body };
  }

  private expression(): Expr {
    return this.binary(['||', '&&', '==', '!=', '>=', '<=', '>', '<', '-', '+', '*'], 0);
  }

  private binary(operators: string[], level: number): Expr {
    if (level === operators.length) return this.unary();
    const operator = operators[level] as string;
    let left = this.binary(operators, level + 1);
    for (;;) {
      this.skipSpace();
      if (!this.text.startsWith(operator, this.pos)) return left;
      if (operator.length === 1 && this.text[this.pos + 1] === '=') return left;
      this.pos += operator.length;
      const [l, right] = [left, this.binary(operators, level + 1)];
      left = (scope) => {
        switch (operator) {
          case '||':
            return truthy(l(scope)) || truthy(right(scope));
          case '&&':
            return truthy(l(scope)) && truthy(right(scope));
          case '==':
            return equal(l(scope), right(scope));
          case '!=':
            return !equal(l(scope), right(scope));
          case '>=':
            return (l(scope) as number) >= (right(scope) as number);
          case '<=':
            return (l(scope) as number) <= (right(scope) as number);
          case '>':
            return (l(scope) as number) > (right(scope) as number);
          case '<':
            return (l(scope) as number) < (right(scope) as number);
          case '-':
            return (l(scope) as number) - (right(scope) as number);
          case '*':
            return (l(scope) as number) * (right(scope) as number);
          default:
            return (l(scope) as number) + (right(scope) as number);
        }
      };
    }
  }

  private unary(): Expr {
    this.skipSpace();
    if (this.peek() === '!' && this.text[this.pos + 1] !== '=') {
      this.pos++;
      const inner = this.unary();
      return (scope) => !truthy(inner(scope));
    }
    return this.primary();
  }

  private primary(): Expr {
    this.skipSpace();
    const c = this.peek();
    if (c === '(') {
      this.pos++;
      return this.condition();
    }
    if (c === '"') return this.string();
    if (c === "'") {
      // Single quotes: a literal, no interpolation.
      const end = this.text.indexOf("'", this.pos + 1);
      const literal = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return () => literal;
    }
    if (c === '[') return this.list();
    if (c === '{') return this.map();
    if (c === '$') return this.reference();
    const word = /^(true|false|null|-?\d+)/.exec(this.text.slice(this.pos))?.[1];
    if (!word) throw new Error(`VTL: unexpected ${this.text.slice(this.pos, this.pos + 20)}`);
    this.pos += word.length;
    const value = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
    return () => value;
  }

  private string(): Expr {
    this.expect('"');
    const parts: (string | Expr)[] = [];
    let literal = '';
    while (this.peek() !== '"') {
      if (this.pos >= this.text.length) throw new Error('VTL: unterminated string');
      if (/^\$\{?[A-Za-z]/.test(this.text.slice(this.pos))) {
        parts.push(literal);
        literal = '';
        parts.push(this.reference(true));
      } else {
        literal += this.text[this.pos++];
      }
    }
    this.pos++;
    parts.push(literal);
    return (scope) => parts.map((part) => (typeof part === 'string' ? part : javaString(part(scope)))).join('');
  }

  private list(): Expr {
    this.expect('[');
    const items = this.items(']');
    return (scope) => items.map((item) => item(scope));
  }

  private map(): Expr {
    this.expect('{');
    const entries: [Expr, Expr][] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === '}') break;
      const key = this.primary();
      this.skipSpace();
      this.expect(':');
      entries.push([key, this.expression()]);
      this.skipSpace();
      if (this.peek() === ',') this.pos++;
    }
    this.pos++;
    return (scope) => Object.fromEntries(entries.map(([key, value]) => [String(key(scope)), value(scope)]));
  }

  private items(close: string): Expr[] {
    const items: Expr[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === close) break;
      items.push(this.expression());
      this.skipSpace();
      if (this.peek() === ',') this.pos++;
    }
    this.pos++;
    return items;
  }

  /** `$a.b.c(args)[i]`, `${a}` or `$!a`; inside strings, only names and properties. */
  private reference(inString = false): Expr {
    this.expect('$');
    if (this.peek() === '!') this.pos++;
    const braced = this.peek() === '{';
    if (braced) this.pos++;
    const name = this.identifier();
    let expr: Expr = (scope) => scope[name] ?? null;
    for (;;) {
      if (this.peek() === '.' && /[A-Za-z]/.test(this.text[this.pos + 1] ?? '')) {
        this.pos++;
        const key = this.identifier();
        const target = expr;
        if ((!inString || braced) && this.peek() === '(') {
          this.pos++;
          const args = this.items(')');
          expr = (scope) =>
            callMethod(
              target(scope),
              key,
              args.map((arg) => arg(scope)),
            );
        } else {
          expr = (scope) => {
            const value = target(scope);
            return isMap(value) ? (value[key] ?? null) : null;
          };
        }
      } else if (!inString && this.peek() === '[') {
        this.pos++;
        const index = this.expression();
        this.skipSpace();
        this.expect(']');
        const target = expr;
        expr = (scope) => {
          const list = target(scope);
          return Array.isArray(list) ? (list[index(scope) as number] ?? null) : null;
        };
      } else {
        break;
      }
    }
    if (braced) this.expect('}');
    return expr;
  }

  private identifier(): string {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0];
    if (!name) throw new Error(`VTL: expected a name at ${this.text.slice(this.pos, this.pos + 20)}`);
    this.pos += name.length;
    return name;
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.pos)) {
      throw new Error(`VTL: expected ${token} at ${this.text.slice(this.pos, this.pos + 30)}`);
    }
    this.pos += token.length;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
}

const truthy = (value: Value) => value !== null && value !== undefined && value !== false;

function run(nodes: Node[], scope: Scope): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'eval':
        node.expr(scope);
        break;
      case 'set': {
        const value = node.value(scope);
        if (node.target.path.length === 0) {
          scope[node.target.name] = value;
          break;
        }
        let holder = scope[node.target.name] as Record<string, Value>;
        const keys = node.target.path.map((key) => String(key(scope)));
        for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, Value>;
        holder[keys.at(-1) as string] = value;
        break;
      }
      case 'if': {
        const branch = node.branches.find((b) => truthy(b.test(scope)));
        run(branch ? branch.body : node.otherwise, scope);
        break;
      }
      case 'foreach': {
        const outer = scope['foreach'];
        for (const [index, item] of ((node.items(scope) as Value[] | null) ?? []).entries()) {
          scope[node.name] = item;
          scope['foreach'] = { index };
          try {
            run(node.body, scope);
          } catch (signal) {
            if (signal === BREAK) break;
            throw signal;
          }
        }
        scope['foreach'] = outer;
        break;
      }
      case 'break':
        throw BREAK;
    }
  }
}

/** What AppSync hands a resolver: `$ctx` (args, identity, result, stash) and the request's auth type. */
export interface VtlContext {
  args: Record<string, Value>;
  source?: Record<string, Value>;
  identity: { claims: Record<string, Value> } | null;
  result?: Value;
  stash: Record<string, Value>;
}

/**
 * Runs a template against `ctx` (changed in place, as the resolver changes `$ctx.args` and the
 * stash) and answers the last JSON it wrote (a field resolver's value); throws VtlError where the
 * template stops with an error.
 */
export function runTemplate(
  template: string,
  ctx: VtlContext,
  authType: 'API Key Authorization' | 'User Pool Authorization',
  now = Date.now(),
): string | undefined {
  const output: { json?: string } = {};
  const scope: Scope = { ctx, context: ctx, util: util(authType, output, now) };
  run(new Parser(template).parseTemplate(), scope);
  return output.json;
}
