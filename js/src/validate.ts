// Synchronous checks made at call time, so that a bad call returns its error value at once and
// nothing unserialisable reaches the core. The core checks the same limits again.
import type { EngageError, EngageLimits, Properties } from './types';

export const DEFAULT_LIMITS: Required<EngageLimits> = {
  maxNameLength: 200,
  maxDepth: 10,
  maxEventBytes: 32 * 1024,
  maxIdLength: 256,
};

const hasNode = typeof Node !== 'undefined';
const hasWindow = typeof Window !== 'undefined';

export function checkName(name: unknown, field: string, required: boolean, limits: Required<EngageLimits>): EngageError | null {
  if (name === undefined || name === null) {
    return required ? { code: 'invalid_event_name', message: `${field} is required` } : null;
  }
  if (typeof name !== 'string') return { code: 'invalid_event_name', message: `${field} must be a string, got ${typeof name}` };
  if (required && name.length === 0) return { code: 'invalid_event_name', message: `${field} must not be empty` };
  if (name.length > limits.maxNameLength) {
    return { code: 'invalid_event_name', message: `${field} is longer than ${limits.maxNameLength} characters` };
  }
  return null;
}

export function checkId(id: unknown, field: string, required: boolean, limits: Required<EngageLimits>): EngageError | null {
  if (id === undefined || id === null) return required ? { code: 'invalid_id', message: `${field} is required` } : null;
  if (typeof id === 'number' && Number.isFinite(id)) return null;
  if (typeof id !== 'string' || id.length === 0 || id.length > limits.maxIdLength) {
    return { code: 'invalid_id', message: `${field} must be a non-empty string of at most ${limits.maxIdLength} characters` };
  }
  return null;
}

type Serialised = { json: string; error?: undefined } | { error: EngageError; json?: undefined };

// Walks the value once: rejects what JSON cannot carry faithfully (functions, symbols, BigInt,
// DOM nodes, windows, cycles) and nesting beyond maxDepth; then serialises it.
export function serialiseObject(value: unknown, field: string, limits: Required<EngageLimits>): Serialised {
  if (value === undefined || value === null) return { json: '{}' };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { error: { code: 'invalid_properties', message: `${field} must be a plain object` } };
  }
  const problem = inspect(value, field, 1, limits.maxDepth, []);
  if (problem) return { error: problem };
  const json = JSON.stringify(value);
  // A UTF-16 length under a third of the limit cannot exceed it in UTF-8 bytes.
  if (json.length * 3 > limits.maxEventBytes && utf8Length(json) > limits.maxEventBytes) {
    return { error: { code: 'too_large', message: `${field} take ${utf8Length(json)} bytes; the limit is ${limits.maxEventBytes}` } };
  }
  return { json };
}

function inspect(value: unknown, path: string, depth: number, maxDepth: number, ancestors: object[]): EngageError | null {
  const t = typeof value;
  if (t === 'function' || t === 'symbol') return { code: 'invalid_properties', message: `${path} is a ${t}` };
  if (t === 'bigint') return { code: 'invalid_properties', message: `${path} is a BigInt (convert it to a string or number)` };
  if (t === 'number' && !Number.isFinite(value as number)) return null; // JSON writes null, as JSON.stringify does
  if (t !== 'object' || value === null) return null;
  if ((hasNode && value instanceof Node) || (hasWindow && value instanceof Window)) {
    return { code: 'invalid_properties', message: `${path} is a DOM node or window` };
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return null; // Date and friends
  if (depth > maxDepth) return { code: 'too_deep', message: `${path} nests deeper than ${maxDepth} levels` };
  if (ancestors.includes(value as object)) return { code: 'invalid_properties', message: `${path} is circular` };
  ancestors.push(value as object);
  for (const key in value as Properties) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const problem = inspect((value as Properties)[key], `${path}.${key}`, depth + 1, maxDepth, ancestors);
    if (problem) return problem;
  }
  ancestors.pop();
  return null;
}

export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}
