import { describe, expect, it } from 'vitest';
import { subjectMatches, subjectsOverlap } from './subjects.js';

describe('subjects', () => {
  it.each([
    ['a.b', 'a.b', true],
    ['a.*', 'a.b', true],
    ['a.*', 'a.b.c', false],
    ['a.>', 'a.b.c', true],
    ['a.>', 'a', false],
    ['*.b', 'a.b', true],
    ['a.b', 'a.c', false],
    ['>', 'x', true],
  ])('%s matches %s: %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });

  it.each([
    ['a.*', 'a.b', true],
    ['a.*', 'a.>', true],
    ['a.*', 'b.*', false],
    ['a.*.c', 'a.b.*', true],
    ['a.*', 'a.b.c', false],
    ['a', 'a.>', false],
    ['>', 'a', true],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(subjectsOverlap(a, b)).toBe(expected);
  });
});
