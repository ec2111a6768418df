// Small readers for environment variables that name the variable in every
// error, so a typo fails at start with a message that says what to fix.
import { ConfigError } from './config-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

export const optional = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
};

export const required = (env: Env, name: string, hint: string): string => {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError(`${name} is required (${hint})`);
  return value;
};

export const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return n;
};

export const oneOf = <T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T => {
  const raw = optional(env, name) ?? fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got '${raw}'`);
  }
  return raw as T;
};

export const url = (env: Env, name: string, protocols: readonly string[], hint: string): string => {
  const value = required(env, name, hint);
  for (const part of value.split(',')) {
    let parsed: URL;
    try {
      parsed = new URL(part.trim());
    } catch {
      throw new ConfigError(`${name} is not a URL: '${part}' (${hint})`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got '${parsed.protocol}' (${hint})`);
    }
  }
  return value;
};
