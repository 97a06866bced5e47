import type { ErrorDetail } from '../errors/app-error';

/** Looks up a provider of the running application by its class (`app.get(type, { strict: false })`). */
export type Resolve = <T>(type: abstract new (...args: never[]) => T) => T;

export interface RequestCheckContext {
  /**
   * False for a path the structural validation (the DTO's decorators) already found wrong, or a path
   * inside or around one: a check skips those, so a field is never reported twice.
   */
  valid: (path: string) => boolean;
  resolve: Resolve;
}

/** Checks of a request body that need the application's data (reference tables, carriers, the clock). */
export type RequestCheck<T> = (dto: T, ctx: RequestCheckContext) => ErrorDetail[] | Promise<ErrorDetail[]>;

export interface RequestChecks<T> {
  /**
   * Rules of the request itself that the decorators cannot express because they need reference data
   * (the minor units of a currency, the list of countries): run on every request.
   */
  always?: RequestCheck<T>[];
  /**
   * Checks the route's service makes again before it acts (addresses against the country's rules,
   * carriers and services, dates): run only when the request already has problems, so that the 400
   * lists every problem at once instead of the rest on the next try. Not run on requests without
   * problems, whose answer may depend on state (an idempotent replay must not fail on a date that
   * has since passed).
   */
  whenInvalid?: RequestCheck<T>[];
}

const REGISTRY = new WeakMap<object, RequestChecks<never>>();

/**
 * Class decorator of a request DTO: the global validation pipe runs these checks after the DTO's
 * decorators and answers one 400 with all problems.
 */
export function CheckedBy<T>(checks: RequestChecks<T>): (target: new () => T) => void {
  return (target) => {
    REGISTRY.set(target, checks as RequestChecks<never>);
  };
}

/** The checks declared on `type` or the nearest class it extends. */
export function requestChecksOf(type: unknown): RequestChecks<unknown> | undefined {
  for (let t = type; typeof t === 'function' && t !== Function.prototype; t = Object.getPrototypeOf(t)) {
    const checks = REGISTRY.get(t as object);
    if (checks) return checks as RequestChecks<unknown>;
  }
  return undefined;
}

/** `valid` of {@link RequestCheckContext} for the paths of problems found so far. */
export function validOutside(problemPaths: readonly string[]): (path: string) => boolean {
  const within = (inner: string, outer: string) => outer === '' || inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return (path) => !problemPaths.some((bad) => within(path, bad) || within(bad, path));
}

/**
 * Runs the checks declared for `dto`'s class on the parts the structural validation accepted, and
 * returns their problems (none twice, none at a path already reported).
 */
export async function runRequestChecks(dto: object, structural: readonly ErrorDetail[], resolve: Resolve): Promise<ErrorDetail[]> {
  const checks = requestChecksOf(dto.constructor);
  if (!checks) return [];
  const list = [...(checks.always ?? []), ...(structural.length ? (checks.whenInvalid ?? []) : [])];
  const ctx: RequestCheckContext = { valid: validOutside(structural.map((d) => d.path)), resolve };
  const seen = new Set(structural.map((d) => `${d.path}\u0000${d.message}`));
  const problems: ErrorDetail[] = [];
  for (const check of list) {
    for (const p of await check(dto, ctx)) {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key) || !ctx.valid(p.path)) continue;
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}
