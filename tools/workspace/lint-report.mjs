#!/usr/bin/env node
// Lint findings counted per project and rule, to hand work out without fixing anything.
//   node tools/workspace/lint-report.mjs [paths…]      (default: the whole workspace)
//   node tools/workspace/lint-report.mjs --markdown    (a Markdown table)
// Exit code: 0 even when there are findings (this is a report, not a gate).
import { relative } from 'node:path';
import { ESLint } from 'eslint';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const paths = args.filter((a) => !a.startsWith('--'));

const eslint = new ESLint({ cwd: root });
const results = await eslint.lintFiles(paths.length > 0 ? paths : ['.']);

/** @type {Map<string, Map<string, number>>} project -> rule -> count */
const counts = new Map();
let total = 0;
for (const result of results) {
  const file = relative(root, result.filePath);
  const project = /^(libs|apps|tools)\/[^/]+/.exec(file)?.[0] ?? '(root)';
  for (const message of result.messages) {
    const rule = message.ruleId ?? (message.fatal ? 'parse-error' : 'other');
    const perRule = counts.get(project) ?? new Map();
    perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
    counts.set(project, perRule);
    total += 1;
  }
}

const rows = [...counts.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([project, perRule]) =>
    [...perRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, n]) => [project, rule, n]),
  );

if (markdown) {
  console.log('| project | rule | count |\n| --- | --- | ---: |');
  for (const [project, rule, n] of rows) console.log(`| ${project} | \`${rule}\` | ${n} |`);
} else {
  for (const [project, rule, n] of rows)
    console.log(`${String(n).padStart(5)}  ${project.padEnd(22)} ${rule}`);
}
console.log(
  `${markdown ? '\n' : ''}${total} findings in ${results.filter((r) => r.messages.length > 0).length} of ${results.length} files`,
);
