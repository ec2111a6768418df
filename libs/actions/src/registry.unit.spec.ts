import { describe, expect, it } from 'vitest';
import { ActionRegistry } from './registry.js';
import { noopAction } from './std/noop.js';

describe('ActionRegistry', () => {
  it('holds every Mistral 15 std action', () => {
    expect(
      ActionRegistry.withStandardActions()
        .list()
        .map((a) => a.name),
    ).toEqual([
      'std.async_noop',
      'std.echo',
      'std.email',
      'std.fail',
      'std.http',
      'std.javascript',
      'std.js',
      'std.mistral_http',
      'std.noop',
      'std.sleep',
      'std.ssh',
      'std.ssh_proxied',
      'std.test_dict',
    ]);
  });

  it('marks async actions', () => {
    const registry = ActionRegistry.withStandardActions();
    const asyncNames = registry
      .list()
      .filter((a) => a.async)
      .map((a) => a.name);
    expect(asyncNames).toEqual(['std.async_noop', 'std.mistral_http']);
  });

  it('refuses a second action with the same name', () => {
    expect(() => new ActionRegistry([noopAction, noopAction])).toThrow(/already registered: std.noop/);
  });

  it('finds by name', () => {
    const registry = new ActionRegistry([noopAction]);
    expect(registry.get('std.noop')).toBe(noopAction);
    expect(registry.has('std.echo')).toBe(false);
  });
});
