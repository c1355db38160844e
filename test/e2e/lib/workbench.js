// What the workbench scripts do alike: put the cursor at a line and column with Go to Line, run a command from the
// palette, and run a list of named steps where a step that throws fails with a screenshot instead of ending the run.
'use strict';

/** Puts the cursor at 1-based `line`:`column` of the editor through Go to Line (Ctrl+G), after focusing the editor. */
async function goToLine(page, editor, line, column) {
  await editor.click({ position: { x: 300, y: 5 } });
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Runs the palette command titled `title` (F1, the title, Enter); resolves to the time (ms) its Enter was pressed. The
 * title is filled in, not typed (keys typed while the palette opens can be lost), and a palette opened before the command
 * list is filled keeps its stale list: it is reopened until the command is there.
 */
async function runCommand(page, title, attempts = 4) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    if (await row.waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
    if (attempt === attempts) throw new Error(`"${title}" is not in the command palette`);
  }
  const started = Date.now();
  await page.keyboard.press('Enter');
  return started;
}

/**
 * Runs `[name, run]` steps in order; `run` resolves to `{ ok, … }`. A step that throws records its error and a screenshot
 * (`shot('failed')`). Each result is logged, with the figures `figuresOf` picks from it (say, `{ renderMs: 812 }`).
 * `onStep` runs before each step (to number screenshots).
 */
async function runSteps(steps, { shot, log, onStep = () => {}, figuresOf = () => ({}) }) {
  const results = [];
  for (const [name, run] of steps) {
    onStep();
    let r;
    try {
      r = await run();
    } catch (e) {
      r = { ok: false, error: String((e && e.message) || e), shot: await shot('failed') };
    }
    const figures = Object.entries(figuresOf(r)).map(([k, v]) => `${k} ${v}`).join(', ');
    log(`  ${r.ok ? 'ok' : 'FAILED'} ${name}${figures ? ` (${figures})` : ''}${r.ok ? '' : `: ${JSON.stringify(r).slice(0, 800)}`}`);
    results.push({ step: name, ...r });
  }
  return results;
}

module.exports = { goToLine, runCommand, runSteps };
