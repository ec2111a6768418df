import { describe, expect, it } from 'vitest';
import { UsageError, parseReplayArgs } from './args.js';

describe('parseReplayArgs', () => {
  it('reads a replay of one or more executions', () => {
    expect(parseReplayArgs(['--data-dir', 'd', '--execution', 'a', '--execution', 'b'])).toEqual({
      dataDir: 'd',
      executionIds: ['a', 'b'],
      all: false,
      json: false,
    });
  });

  it('reads what-if options', () => {
    expect(
      parseReplayArgs(['--data-dir', 'd', '--all', '--definition-revision', '3', '--json']),
    ).toMatchObject({
      all: true,
      whatIf: { definitionRevision: 3 },
      json: true,
    });
    expect(parseReplayArgs(['--data-dir', 'd', '--all', '--definition', 'wf.yaml']).whatIf).toEqual({
      definitionFile: 'wf.yaml',
    });
  });

  it('rejects incomplete or contradictory command lines', () => {
    for (const argv of [
      ['--execution', 'a'],
      ['--data-dir', 'd'],
      ['--data-dir', 'd', '--all', '--execution', 'a'],
      ['--data-dir', 'd', '--all', '--definition-revision', 'x'],
      ['--data-dir', 'd', '--all', '--definition-revision', '1', '--definition', 'f'],
      ['--data-dir', 'd', '--all', '--bogus'],
    ]) {
      expect(() => parseReplayArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});
